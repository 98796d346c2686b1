// Feedback: a window on chosen channels, closed by the lead or at its close time; then an
// acknowledgement within the charter's working days of the close date.
import { isAnonymousParticipant, isPublicRespondent, SYSTEM_ACTOR, type Actor } from '../actor';
import { formatLongDate } from '../calendar';
import { acknowledgementDeadlinePassesAt, acknowledgementDueBy, ruleOf } from '../charters';
import { Sealer } from '../confidential';
import { badInput, forbidden, invalidPhase } from '../errors';
import { CHANNEL_WORDS, listInWords } from '../plain-english';
import type { NewEvent } from '../events';
import { checkOneOf, checkText, LIMITS } from '../input-checks';
import type { ProjectState } from '../project-state';
import { FEEDBACK_CHANNELS, type FeedbackChannel } from '../vocabulary';
import { charterOf, eventOf, nextId, only, requireLead, requirePhase, type Decision } from './common';

export type FeedbackCommand =
  | { type: 'openFeedback'; /** ISO 8601 instant */ closesAt: string; channels: FeedbackChannel[] }
  | {
      type: 'submitFeedback';
      channel: FeedbackChannel;
      body: string;
      anonymous?: boolean | null;
      /** The public link's id, for an answer from someone not signed in (PUBLIC_RESPONDENT). */
      viaLink?: string | null;
    }
  | {
      type: 'publishFeedbackLink';
      /** Made by the gateway (random, unguessable): the address is /feedback/<linkId>. */
      linkId: string;
      channel: FeedbackChannel;
    }
  | { type: 'closeFeedback' }
  | { type: 'acknowledgeFeedback'; message: string };

type Decider<C> = (state: ProjectState, command: C, actor: Actor, now: Date) => Decision;

/** A public link's id: 43 URL-safe characters (32 bytes), so it cannot be guessed. */
export const FEEDBACK_LINK_ID = /^[A-Za-z0-9_-]{43}$/;

/** Who an anonymous item is recorded as, so the audit trail does not name its author. */
export const ANONYMOUS_ACTOR = { id: 'anonymous', displayName: 'Anonymous', roles: [] as string[] };

/**
 * The FeedbackClosed event, by the lead or (at closesAt) by the system. `dueBy` counts from the
 * London day the window closed: closesAt at the latest, even when the step comes after it.
 */
export function feedbackClosed(state: ProjectState, actor: Actor | typeof ANONYMOUS_ACTOR, now: Date) {
  const closesAt = state.feedbackWindow ? new Date(state.feedbackWindow.closesAt).getTime() : Infinity;
  const closedAt = new Date(Math.min(now.getTime(), closesAt));
  const dueBy = acknowledgementDueBy(charterOf(state.charterId), closedAt);
  return eventOf('FeedbackClosed', { dueBy }, actor, now);
}

const hasAcknowledgementBreach = (state: ProjectState) =>
  state.breaches.some((b) => b.rule === 'feedback.ackWorkingDays');

/** The breach recorded (by the system) when feedback was not acknowledged by `dueBy`. */
export function acknowledgementBreach(state: ProjectState, now: Date, breachCount = 0): NewEvent {
  const days = ruleOf(charterOf(state.charterId), 'feedback.ackWorkingDays').value as number;
  return eventOf(
    'CharterBreachRecorded',
    {
      breachId: nextId(state, 'b', state.breaches.length + breachCount),
      rule: 'feedback.ackWorkingDays',
      detail: `Feedback was not acknowledged within ${days} working days of the close date: it was due by ${formatLongDate(state.acknowledgement!.dueBy)}.`,
      meetingId: null,
    },
    SYSTEM_ACTOR,
    now,
  );
}

/** Refuses a step on feedback once the window's close time has come, recorded or not. */
function requireWindowOpen(state: ProjectState, now: Date) {
  if (state.feedbackWindow && now.getTime() >= new Date(state.feedbackWindow.closesAt).getTime())
    throw invalidPhase(
      'The feedback window for this project has closed, so feedback can no longer be given here: please contact the project lead instead.',
    );
}

/**
 * Who may give an item: a participant; the gateway's ANONYMOUS_PARTICIPANT (author already
 * checked there); or PUBLIC_RESPONDENT holding the published link's id. Null for a public answer.
 */
function authorOf(state: ProjectState, actor: Actor, anonymous: boolean, viaLink: string | null | undefined) {
  if (isPublicRespondent(actor)) {
    const link = state.feedbackWindow?.publicLink;
    if (!link || typeof viaLink !== 'string' || viaLink !== link.linkId)
      throw forbidden('This feedback link is not open: ask the project lead for the right one.');
    return { participant: null, publicLink: link };
  }
  const participant = state.participants.find((p) => p.personId === actor.id);
  if (!participant && !(anonymous && isAnonymousParticipant(actor)))
    throw forbidden('Only participants of this project can give feedback on it.');
  return { participant: participant ?? null, publicLink: null };
}

/** True once the acknowledgement deadline has passed with no acknowledgement and no breach recorded yet. */
export function acknowledgementBreachDue(state: ProjectState, now: Date): boolean {
  const ack = state.acknowledgement;
  return (
    ack !== null &&
    !ack.sentAt &&
    !hasAcknowledgementBreach(state) &&
    ruleOf(charterOf(state.charterId), 'feedback.ackWorkingDays').mode === 'MONITORED' &&
    now.getTime() >= acknowledgementDeadlinePassesAt(ack.dueBy).getTime()
  );
}

export const feedbackDeciders: {
  [K in FeedbackCommand['type']]: Decider<Extract<FeedbackCommand, { type: K }>>;
} = {
  openFeedback(state, command, actor, now) {
    requireLead(state, actor, 'open feedback');
    const { channels } = command;
    const closesAt = new Date(command.closesAt);
    if (typeof command.closesAt !== 'string' || Number.isNaN(closesAt.getTime()))
      throw badInput('closesAt', 'The close time is not a date and time.');
    if (closesAt.getTime() <= now.getTime())
      throw badInput('closesAt', 'The feedback window must close in the future.');
    if (!Array.isArray(channels) || channels.length === 0)
      throw badInput('channels', 'Choose at least one feedback channel.');
    const chosen = [
      ...new Set(channels.map((c) => checkOneOf('channels', c, FEEDBACK_CHANNELS, 'A channel'))),
    ];
    requirePhase(state, ['MEETINGS'], 'open feedback');
    // A meeting still to come may stay booked (a survey between workshops); one that has
    // started but is neither recorded nor cancelled must be settled first.
    const unsettled = state.meetings.find(
      (m) => m.status === 'SCHEDULED' && new Date(m.startsAt).getTime() <= now.getTime(),
    );
    if (unsettled)
      throw invalidPhase(
        `The meeting "${unsettled.title}" has taken place but is not recorded: record it (or cancel it) before opening feedback.`,
      );
    return only(
      eventOf('FeedbackOpened', { closesAt: closesAt.toISOString(), channels: chosen }, actor, now),
    );
  },

  submitFeedback(state, { channel, body, anonymous, viaLink }, actor, now) {
    // An anonymous item arrives from the gateway as ANONYMOUS_PARTICIPANT, its author already
    // checked there against the project's participants; a public answer as PUBLIC_RESPONDENT.
    const { participant, publicLink } = authorOf(state, actor, anonymous === true, viaLink);
    const text = checkText('body', body, { max: LIMITS.longText, required: true, label: 'The feedback' });
    const ch = checkOneOf('channel', channel, FEEDBACK_CHANNELS, 'The channel');
    requirePhase(state, ['FEEDBACK'], 'give feedback');
    // The window closes at closesAt even if the system has not yet recorded it.
    requireWindowOpen(state, now);
    if (publicLink && ch !== publicLink.channel)
      throw badInput(
        'channel',
        `The public link takes feedback through ${CHANNEL_WORDS[publicLink.channel]}.`,
      );
    if (!state.feedbackWindow?.channels.includes(ch))
      throw badInput(
        'channel',
        `This feedback window takes feedback through ${listInWords(
          (state.feedbackWindow?.channels ?? []).map((c) => CHANNEL_WORDS[c]),
          'or',
        )}, not through ${CHANNEL_WORDS[ch]}.`,
      );
    const feedbackId = nextId(state, 'f', state.feedback.length);
    const fromParticipantId = anonymous || !participant ? null : participant.id;
    const author = publicLink ? actor : anonymous ? ANONYMOUS_ACTOR : actor;
    const sealer = new Sealer(state);
    const submitted = eventOf(
      'FeedbackSubmitted',
      {
        feedbackId,
        channel: ch,
        body: sealer.seal(text),
        fromParticipantId,
        ...(publicLink ? { viaPublicLink: true as const } : {}),
      },
      author,
      now,
    );
    return { ...only(submitted), confidentialTexts: sealer.texts, created: { feedbackId } };
  },

  publishFeedbackLink(state, { linkId, channel }, actor, now) {
    requireLead(state, actor, 'publish a public feedback link');
    if (typeof linkId !== 'string' || !FEEDBACK_LINK_ID.test(linkId))
      throw badInput('linkId', 'The link id must be 43 random URL-safe characters.');
    const ch = checkOneOf('channel', channel, FEEDBACK_CHANNELS, 'The channel');
    requirePhase(state, ['FEEDBACK'], 'publish a public feedback link');
    requireWindowOpen(state, now);
    if (state.feedbackWindow?.publicLink)
      throw invalidPhase('This feedback window already has a public link: share that one.');
    if (!state.feedbackWindow!.channels.includes(ch))
      throw badInput(
        'channel',
        `This feedback window takes feedback through ${listInWords(
          state.feedbackWindow!.channels.map((c) => CHANNEL_WORDS[c]),
          'or',
        )}, not through ${CHANNEL_WORDS[ch]}.`,
      );
    return only(eventOf('FeedbackLinkPublished', { linkId, channel: ch }, actor, now));
  },

  closeFeedback(state, _command, actor, now) {
    requireLead(state, actor, 'close feedback');
    requirePhase(state, ['FEEDBACK'], 'close feedback');
    return only(feedbackClosed(state, actor, now));
  },

  acknowledgeFeedback(state, { message }, actor, now) {
    requireLead(state, actor, 'acknowledge feedback');
    const text = checkText('message', message, {
      max: LIMITS.longText,
      required: true,
      label: 'The message',
    });
    requirePhase(state, ['ACKNOWLEDGEMENT'], 'acknowledge feedback');
    const dueBy = state.acknowledgement!.dueBy;
    const onTime = now.getTime() < acknowledgementDeadlinePassesAt(dueBy).getTime();
    // The message answers confidential feedback, so a MEETING_GROUP project seals it too.
    const sealer = new Sealer(state);
    const acknowledged = eventOf('FeedbackAcknowledged', { message: sealer.seal(text), onTime }, actor, now);
    // Late, and the system has not recorded the breach yet: it is recorded now, once.
    const events = acknowledgementBreachDue(state, now)
      ? [acknowledged, acknowledgementBreach(state, now)]
      : [acknowledged];
    return { ...only(...events), confidentialTexts: sealer.texts };
  },
};
