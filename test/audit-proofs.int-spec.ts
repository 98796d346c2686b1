// Inclusion proofs through the running gateway, checked offline as a board member would:
// the latest signed checkpoint (auditCheckpoint and on the board report), and each audit
// event's proof against it, verified with nothing but the event, the proof and the public
// key. The stack runs on a database and checkpoint folder of its own, so other test files'
// events (and their tampering tests) cannot change the log this test proves against.
import { addDays, londonDateOf } from '../libs/domain/src/calendar';
import { eventHash } from '../libs/event-store/src';
import { eventLeafHash } from '../libs/event-store/src/transparency/audit-log';
import { openCheckpoint } from '../libs/event-store/src/transparency/checkpoint';
import { verifyInclusion } from '../libs/event-store/src/transparency/merkle';
import { generateSigner, parseVerifier } from '../libs/event-store/src/transparency/signed-note';
import { checkpointSigning } from './support/checkpoints';
import * as Q from './support/documents';
import { ok } from './support/answers';
import { cast, startInput } from './support/people';
import { stackOnOwnDatabaseForFile } from './support/suite';

const TRAIL = `query Trail($filter: AuditFilter!) {
  auditTrail(filter: $filter, first: 100) {
    edges { node {
      id projectId sequence type actor { id } occurredAt data reason hash prevHash
      inclusionProof { leafIndex treeSize leafHash hashes checkpoint { origin treeSize rootHash note publicKey } }
    } }
  }
}`;
const CHECKPOINT = `{ auditCheckpoint { origin treeSize rootHash note publicKey signedAt } }`;
const REPORT = `query Report($charterId: ID!, $from: Date!, $to: Date!) {
  boardReport(charterId: $charterId, from: $from, to: $to) { projectsStarted checkpoint { treeSize note publicKey } }
}`;

const checkpoints = checkpointSigning('proofs.test/audit');
const { signer } = checkpoints;
const { stack, url: ownUrl } = stackOnOwnDatabaseForFile('audit_proofs', checkpoints.env);
const people = cast('wokingham');

const signCheckpoint = () => checkpoints.sign(ownUrl());

/** What a board member's own checker does: recompute, then prove, with the public key alone. */
function checkOffline(event: any, publicKey: string): boolean {
  const hash = eventHash(event.prevHash, { ...event, actorId: event.actor.id });
  if (hash !== event.hash) return false;
  const proof = event.inclusionProof;
  const checkpoint = openCheckpoint(proof.checkpoint.note, parseVerifier(publicKey));
  if (checkpoint.size !== proof.treeSize) return false;
  return verifyInclusion(
    proof.leafIndex,
    proof.treeSize,
    eventLeafHash(hash),
    proof.hashes.map((h: string) => Buffer.from(h, 'hex')),
    checkpoint.rootHash,
  );
}

it('gives every audit event an inclusion proof against the latest checkpoint, checkable offline', async () => {
  const started = ok(
    await stack.gql(
      Q.START_PROJECT,
      { input: startInput(people, { charterId: 'wokingham', proposedLevel: 'CONSULTATION' }) },
      people.lead.token,
    ),
    'startProject',
  );
  const projectId = started.id;
  ok(await stack.gql(Q.AGREE, { projectId }, people.rep.token), 'agreeLadderLevel');

  // Before any checkpoint: nothing to prove against yet.
  expect(ok(await stack.gql(CHECKPOINT, {}, people.board.token), 'auditCheckpoint')).toBeNull();
  const before = ok(await stack.gql(TRAIL, { filter: { projectId } }, people.board.token), 'auditTrail');
  expect(before.edges.map((e: any) => e.node.inclusionProof)).toEqual(before.edges.map(() => null));

  const signed = await signCheckpoint();
  expect(signed).toMatchObject({ written: true, size: before.edges.length });
  // A later event is not in this checkpoint: it gets no proof until the next one.
  ok(await stack.gql(Q.COMPLETE_BRIEFING, { projectId }, people.lead.token), 'completeBriefing');

  const checkpoint = ok(await stack.gql(CHECKPOINT, {}, people.board.token), 'auditCheckpoint');
  expect(checkpoint).toMatchObject({
    origin: 'proofs.test/audit',
    treeSize: signed.size,
    publicKey: signer.verifier.text,
  });

  const trail = ok(await stack.gql(TRAIL, { filter: { projectId } }, people.board.token), 'auditTrail');
  const events = trail.edges.map((e: any) => e.node);
  const covered = events.filter((e: any) => e.inclusionProof !== null);
  expect(covered.map((e: any) => e.sequence)).toEqual(
    events.slice(0, signed.size).map((e: any) => e.sequence),
  );
  expect(events[events.length - 1].inclusionProof).toBeNull();
  for (const event of covered) {
    expect(event.inclusionProof.checkpoint.note).toBe(checkpoint.note);
    expect(checkOffline(event, signer.verifier.text)).toBe(true);
  }

  // A proof altered one byte at a time, or shown for another event, does not verify.
  const event = covered[0];
  for (let i = 0; i < event.inclusionProof.hashes.length; i++) {
    for (let b = 0; b < 32; b++) {
      const hashes = [...event.inclusionProof.hashes];
      const bytes = Buffer.from(hashes[i], 'hex');
      bytes[b] ^= 0x01;
      hashes[i] = bytes.toString('hex');
      expect(
        checkOffline({ ...event, inclusionProof: { ...event.inclusionProof, hashes } }, signer.verifier.text),
      ).toBe(false);
    }
  }
  expect(checkOffline({ ...covered[1], inclusionProof: event.inclusionProof }, signer.verifier.text)).toBe(
    false,
  );
  expect(() => checkOffline(event, generateSigner('proofs.test/audit').verifier.text)).toThrow(
    /not signed by/,
  );
});

it('shows the latest checkpoint on the board report', async () => {
  const today = londonDateOf(new Date());
  const report = ok(
    await stack.gql(
      REPORT,
      { charterId: 'wokingham', from: addDays(today, -1), to: addDays(today, 1) },
      people.board.token,
    ),
    'boardReport',
  );
  expect(report.checkpoint).toMatchObject({ publicKey: signer.verifier.text });
  expect(report.checkpoint.note).toMatch(/^proofs\.test\/audit\n\d+\n/);
});
