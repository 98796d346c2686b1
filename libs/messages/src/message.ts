// What a message is before it is sent: its type, one recipient (named by id, never by
// address), the facts its template needs, and the key that makes sending it idempotent.

/** Every kind of message the service sends; each has one template in ./templates. */
export const MESSAGE_TYPES = [
  'invitation',
  'signInLink',
  'ladderProposed',
  'meetingBooked',
  'meetingMoved',
  'meetingCancelled',
  'papersDistributed',
  'papersReminder',
  'feedbackOpened',
  'feedbackClosingSoon',
  'acknowledgementReminder',
  'feedbackAcknowledged',
  'closingReport',
  'boardReportReminder',
  'charterReviewReminder',
] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];

/** Reminders can be turned off by their recipient; every other message is one a charter promises. */
export const REMINDER_TYPES: readonly MessageType[] = [
  'papersReminder',
  'feedbackClosingSoon',
  'acknowledgementReminder',
  'boardReportReminder',
  'charterReviewReminder',
];
export const isReminder = (type: MessageType) => REMINDER_TYPES.includes(type);

/**
 * Who a message goes to: exactly one person. The address is looked up when the message is
 * sent (the contacts table is the one place addresses live), so only ids travel.
 * `email` is for messages the gateway sends at once to an address a person has just typed
 * (a sign-in link): never put it in a workflow's payload.
 */
export type Recipient =
  | { kind: 'participant'; projectId: string; participantId: string }
  | { kind: 'person'; personId: string }
  | { kind: 'feedbackReply'; projectId: string; feedbackId: string }
  | { kind: 'email'; email: string };

/** Template data: plain values only, so it travels through Temporal and JSON unchanged. */
export type MessageParams = Record<string, string | number | boolean | null | string[]>;

export interface OutgoingMessage {
  /** Idempotency key (see messageKey): the same key is never sent twice. */
  key: string;
  type: MessageType;
  /** The project it is about, or null (a sign-in link, a charter reminder). */
  projectId: string | null;
  recipient: Recipient;
  params: MessageParams;
}

/** The recipient's id as the outbox and audit trail record it: never an address. */
export function recipientRef(recipient: Recipient): string {
  switch (recipient.kind) {
    case 'participant':
      return `participant:${recipient.participantId}`;
    case 'person':
      return `person:${recipient.personId}`;
    case 'feedbackReply':
      return `feedback:${recipient.feedbackId}`;
    case 'email':
      return 'address';
  }
}

/** The recipient's id for the audit trail: a participant, person or feedback item id (never an address). */
export function recipientIdOf(recipient: Recipient): string {
  switch (recipient.kind) {
    case 'participant':
      return recipient.participantId;
    case 'person':
      return recipient.personId;
    case 'feedbackReply':
      return recipient.feedbackId;
    case 'email':
      return 'address given at sign-in';
  }
}

const KEY_PART = /^[A-Za-z0-9._-]+$/;

/**
 * The key of one message: the project (or charter), the event or occasion it is about, its
 * type and its recipient. Deterministic, so a retried step or a replayed workflow derives
 * the same key, and safe inside a Message-ID (letters, digits, `.`, `_`, `-`).
 */
export function messageKey(scope: string, occasion: string, type: MessageType, recipient: string): string {
  const parts = [scope, occasion, type, recipient].map((p) => p.replace(/[^A-Za-z0-9._-]/g, '-'));
  for (const p of parts)
    if (!KEY_PART.test(p)) throw new Error(`A message key part is empty: ${parts.join('/')}`);
  return parts.join('.');
}
