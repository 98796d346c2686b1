// What is kept apart from the events: participants' contact details, and the texts of
// MEETING_GROUP projects (with their salts) whose events hold only a commitment to them.
import { sealedValueOf } from '../../domain/src/confidential';
import { isUuid } from '../../domain/src/input-checks';
import type { SealedText } from './sealed-texts';
import type { Run } from './sql';

export interface ParticipantContact {
  participantId: string;
  email: string;
}

/**
 * A contact the gateway saved before its step (ContactStore.hold) under `heldAs`, so the
 * address never travelled through the workflow: the step's append binds it to the
 * participant the step created.
 */
export interface HeldContact {
  participantId: string;
  heldAs: string;
}

const isHeld = (c: ParticipantContact | HeldContact): c is HeldContact => 'heldAs' in c;

/** Saves (or replaces) participants' addresses. */
export async function saveContacts(
  run: Run,
  projectId: string,
  contactList: readonly ParticipantContact[],
): Promise<void> {
  const contacts = new Map<string, string>();
  for (const c of contactList) contacts.set(c.participantId, c.email);
  if (contacts.size === 0) return;
  await run(
    `INSERT INTO participant_contacts (project_id, participant_id, email)
     SELECT $1::uuid, c.participant_id, c.email FROM unnest($2::text[], $3::text[]) AS c(participant_id, email)
     ON CONFLICT (project_id, participant_id) DO UPDATE SET email = excluded.email`,
    [projectId, [...contacts.keys()], [...contacts.values()]],
  );
}

/** Moves held addresses to the participants they belong to (a held one no longer there is left out). */
async function bindHeldContacts(run: Run, projectId: string, held: readonly HeldContact[]): Promise<void> {
  if (held.length === 0) return;
  await run(
    `WITH held AS (
       DELETE FROM participant_contacts
        WHERE project_id = $1 AND participant_id = ANY($3::text[])
        RETURNING participant_id, email)
     INSERT INTO participant_contacts (project_id, participant_id, email)
     SELECT $1::uuid, c.participant_id, held.email
       FROM unnest($2::text[], $3::text[]) AS c(participant_id, held_as)
       JOIN held ON held.participant_id = c.held_as
     ON CONFLICT (project_id, participant_id) DO UPDATE SET email = excluded.email`,
    [projectId, held.map((c) => c.participantId), held.map((c) => c.heldAs)],
  );
}

/** Stores them in the append's transaction: contacts upserted (held ones bound), texts added once. */
export async function keepApart(
  run: Run,
  projectId: string,
  contactList: readonly (ParticipantContact | HeldContact)[],
  texts: readonly SealedText[],
): Promise<void> {
  if (texts.length > 0) {
    await run(
      `INSERT INTO confidential_texts (project_id, sealed, text, salt)
       SELECT $1::uuid, t.sealed, t.text, t.salt
       FROM unnest($2::text[], $3::text[], $4::bytea[]) AS t(sealed, text, salt)
       ON CONFLICT (project_id, sealed) DO NOTHING`,
      [projectId, texts.map((t) => t.commitment), texts.map((t) => t.text), texts.map((t) => t.salt)],
    );
  }
  await saveContacts(
    run,
    projectId,
    contactList.filter((c): c is ParticipantContact => !isHeld(c)),
  );
  await bindHeldContacts(run, projectId, contactList.filter(isHeld));
}

/** Participants' email addresses by participant id. */
export async function getContacts(run: Run, projectId: string): Promise<Map<string, string>> {
  if (!isUuid(projectId)) return new Map();
  const rows = await run<{ participant_id: string; email: string }>(
    `SELECT participant_id, email FROM participant_contacts WHERE project_id = $1 AND participant_id NOT LIKE 'held:%'`,
    [projectId],
  );
  return new Map(rows.map((r) => [r.participant_id, r.email]));
}

/** A MEETING_GROUP project's confidential texts, by the commitment its events hold. */
export async function getConfidentialTexts(run: Run, projectId: string): Promise<Map<string, string>> {
  if (!isUuid(projectId)) return new Map();
  const rows = await run<{ sealed: string; text: string }>(
    `SELECT sealed, text FROM confidential_texts WHERE project_id = $1`,
    [projectId],
  );
  return new Map(rows.map((r) => [r.sealed, r.text]));
}

/** Each stored commitment of the project, with the placeholder (plain SHA-256) of its text. */
export async function storedPlaceholders(run: Run, projectId: string): Promise<Map<string, string>> {
  const rows = await run<{ sealed: string; text: string }>(
    `SELECT sealed, text FROM confidential_texts WHERE project_id = $1`,
    [projectId],
  );
  return new Map(rows.map((r) => [r.sealed, sealedValueOf(r.text)]));
}

/** A MEETING_GROUP project's texts with their salts, for those who may read them to check. */
export async function getSealedTexts(run: Run, projectId: string): Promise<SealedText[]> {
  if (!isUuid(projectId)) return [];
  const rows = await run<{ sealed: string; text: string; salt: Buffer | null }>(
    `SELECT sealed, text, salt FROM confidential_texts WHERE project_id = $1 ORDER BY sealed`,
    [projectId],
  );
  return rows.map((r) => ({ commitment: r.sealed, text: r.text, salt: r.salt }));
}
