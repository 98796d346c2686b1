// MEETING_GROUP texts in a message: the workflow plans messages from the events it decided,
// which hold a placeholder for each confidential text (e.g. the acknowledgement), never the
// text. The text is looked up here, when sending, from where the store keeps it apart, and
// shown only to the project's participants (the group); anyone else is told it is not theirs.
import { isSealed, sealedValueOf } from '../../domain/src/confidential';
import { rowsOf, type Queryable } from './database';
import type { MessageParams, OutgoingMessage } from './message';

export const NOT_SHARED = 'This part is shared with the meeting group only.';

const sealedStrings = (params: MessageParams) =>
  Object.values(params)
    .flatMap((v) => (Array.isArray(v) ? v : [v]))
    .filter((v): v is string => typeof v === 'string' && isSealed(v));

/** The message's params with each placeholder replaced by its text, or by NOT_SHARED. */
export async function unsealParams(db: Queryable, message: OutgoingMessage): Promise<MessageParams> {
  if (!message.projectId || sealedStrings(message.params).length === 0) return message.params;
  const texts = new Map<string, string>();
  if (message.recipient.kind === 'participant') {
    const rows = await rowsOf<{ sealed: string; text: string }>(
      db,
      `SELECT sealed, text FROM confidential_texts WHERE project_id = $1`,
      [message.projectId],
    );
    // Events hold salted commitments; a decision's placeholder is the text's plain hash.
    for (const r of rows) texts.set(sealedValueOf(r.text), r.text).set(r.sealed, r.text);
  }
  const open = (v: string) => (isSealed(v) ? (texts.get(v) ?? NOT_SHARED) : v);
  return Object.fromEntries(
    Object.entries(message.params).map(([k, v]) => [
      k,
      typeof v === 'string' ? open(v) : Array.isArray(v) ? v.map(open) : v,
    ]),
  );
}
