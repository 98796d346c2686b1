// Signed notes and checkpoints against the published examples: the C2SP signed-note
// specification's verifier key and note, and the Go reference implementation's (sumdb/note)
// key pair and signature (Ed25519 is deterministic, so signing must reproduce it exactly).
import { openCheckpoint, parseCheckpointText, signCheckpoint } from './checkpoint';
import { leafHash } from './merkle';
import { generateSigner, NoteError, openNote, parseSigner, parseVerifier } from './signed-note';

const SPEC_VKEY = 'example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k';
const SPEC_NOTE =
  'This is an example message.\n\n' +
  '\u2014 example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n';

const GO_SKEY = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const GO_VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const GO_TEXT =
  'If you think cryptography is the answer to your problem,\n' +
  "then you don't know what your problem is.\n";
const GO_NOTE =
  GO_TEXT +
  '\n\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n';

describe('signed notes (C2SP signed-note, Ed25519)', () => {
  it('reads keys and signs exactly as the reference implementation', () => {
    const signer = parseSigner(GO_SKEY);
    expect(signer.text).toBe(GO_SKEY);
    expect(signer.verifier.text).toBe(GO_VKEY);
    expect(signer.id.toString('hex')).toBe('c74f20a3');
    expect(signer.sign(GO_TEXT)).toBe(GO_NOTE);
    expect(openNote(GO_NOTE, parseVerifier(GO_VKEY))).toBe(GO_TEXT);
  });

  it("verifies the specification's example note", () => {
    expect(openNote(SPEC_NOTE, parseVerifier(SPEC_VKEY))).toBe('This is an example message.\n');
  });

  it('rejects a note, signature or key altered by one character', () => {
    const verifier = parseVerifier(GO_VKEY);
    for (let i = 0; i < GO_NOTE.length - 1; i++) {
      if (GO_NOTE[i] === '\n' || GO_NOTE[i] === '\u2014') continue;
      const altered = GO_NOTE.slice(0, i) + (GO_NOTE[i] === 'A' ? 'B' : 'A') + GO_NOTE.slice(i + 1);
      expect(() => openNote(altered, verifier)).toThrow(NoteError);
    }
    expect(() => parseVerifier(GO_VKEY.replace('c74f20a3', 'c74f20a4'))).toThrow(NoteError);
    expect(() => openNote(GO_NOTE, generateSigner('PeterNeumann').verifier)).toThrow(
      /not signed by the key PeterNeumann/,
    );
  });

  it('refuses names and texts the format cannot carry', () => {
    expect(() => generateSigner('with space')).toThrow(NoteError);
    expect(() => generateSigner('a+b')).toThrow(NoteError);
    expect(() => generateSigner('ok').sign('no final newline')).toThrow(NoteError);
    expect(() => generateSigner('ok').sign('a\ttab\n')).toThrow(NoteError);
  });

  it('round-trips a generated key through its text form', () => {
    const signer = generateSigner('coproduction.example/audit');
    const again = parseSigner(signer.text);
    expect(again.verifier.text).toBe(signer.verifier.text);
    expect(openNote(again.sign('hello\n'), parseVerifier(signer.verifier.text))).toBe('hello\n');
  });
});

describe('checkpoints (C2SP tlog-checkpoint)', () => {
  const signer = generateSigner('coproduction.example/audit');
  const rootHash = leafHash(Buffer.from('root'));

  it('writes origin, size and base64 root, then the signature', () => {
    const note = signCheckpoint({ origin: 'coproduction.example/audit', size: 42, rootHash }, signer);
    const [origin, size, root, blank, signature] = note.split('\n');
    expect([origin, size, root, blank]).toEqual([
      'coproduction.example/audit',
      '42',
      rootHash.toString('base64'),
      '',
    ]);
    expect(signature).toMatch(/^\u2014 coproduction\.example\/audit [A-Za-z0-9+/]+=*$/u);
    expect(openCheckpoint(note, signer.verifier, 'coproduction.example/audit')).toEqual({
      origin: 'coproduction.example/audit',
      size: 42,
      rootHash,
    });
  });

  it('rejects a checkpoint of another log, a changed size or a bad text', () => {
    const note = signCheckpoint({ origin: 'coproduction.example/audit', size: 42, rootHash }, signer);
    expect(() => openCheckpoint(note, signer.verifier, 'elsewhere/audit')).toThrow(/not "elsewhere\/audit"/);
    expect(() => openCheckpoint(note.replace('\n42\n', '\n41\n'), signer.verifier)).toThrow(/altered/);
    expect(() => parseCheckpointText('origin\n042\nAAAA\n')).toThrow(NoteError);
    expect(() => parseCheckpointText('origin\n42\nAAAA\n')).toThrow(/root hash/);
  });
});
