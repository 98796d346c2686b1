// Contact details typed into free text are removed before the text goes anywhere (the
// workflow, its history, the audit trail), and the step says so in plain English, so that
// the person can share them the proper way: as a participant's contact record.
import { contactDetailsIn, redactContactDetails } from './input-checks';

export type RemovedKind = 'email address' | 'phone number';

/** One text a step was given, with what was removed from it and why. */
export interface Redaction {
  /** Where the text was in the input, e.g. "summary" or "input.youSaidWeDid[0].youSaid". */
  field: string;
  removed: RemovedKind[];
  message: string;
}

const WORDS: Record<string, string> = {
  summary: 'briefing summary',
  minutes: 'minutes',
  decisions: 'decision',
  actions: 'action',
  body: 'feedback',
  message: 'acknowledgement message',
  youSaid: '"You said" entry',
  weDid: '"We did" entry',
  barriers: 'barriers',
  lessonsLearned: 'lessons learned',
  celebrate: 'what to celebrate',
  title: 'title',
  purpose: 'purpose',
  reason: 'reason',
  comment: 'comment',
};

const nameOf = (field: string) => {
  const key = /([A-Za-z]+)(?:\[\d+\])?$/.exec(field)?.[1] ?? field;
  return WORDS[key] ?? key;
};

export function redactionMessage(field: string, removed: RemovedKind[]): string {
  const what = removed
    .map((k) => (k === 'email address' ? 'an email address' : 'a phone number'))
    .join(' and ');
  return (
    `The ${nameOf(field)} contained ${what}, so ${removed.length > 1 ? 'they were' : 'it was'} removed: ` +
    'what you write here is kept in the project record that others read, where contact details must not be. ' +
    "To share contact details, add them to the participant's own details (their email address), " +
    'which only the people allowed to see them can read.'
  );
}

/**
 * Every text in `value` (at any depth) with email addresses and phone numbers removed, and
 * what was removed where. A field named `email` is a contact detail given on purpose and is
 * left alone (it is stored apart from the project record).
 */
export function redactFreeText<T>(value: T, field = ''): { value: T; redactions: Redaction[] } {
  const redactions: Redaction[] = [];
  const walk = (v: unknown, path: string): unknown => {
    if (typeof v === 'string') {
      const cleaned = redactContactDetails(v);
      if (cleaned !== v) {
        const removed = contactDetailsIn(v);
        redactions.push({ field: path, removed, message: redactionMessage(path, removed) });
      }
      return cleaned;
    }
    if (Array.isArray(v)) return v.map((item, i) => walk(item, `${path}[${i}]`));
    if (v && typeof v === 'object' && !(v instanceof Date)) {
      return Object.fromEntries(
        Object.entries(v).map(([k, item]) => [
          k,
          k === 'email' ? item : walk(item, path ? `${path}.${k}` : k),
        ]),
      );
    }
    return v;
  };
  return { value: walk(value, field) as T, redactions };
}
