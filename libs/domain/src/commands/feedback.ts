// Feedback: a window on chosen channels, closed by the lead or at its close time; then an
// acknowledgement within the charter's working days of the close date.
import type { Actor } from '../actor';
import { acknowledgementDeadlinePassesAt, acknowledgementDueBy } from '../charters';
import { Sealer } from '../confidential';
import { badInput, forbidden, invalidPhase } from '../errors';
import { checkOneOf, checkText, LIMITS } from '../input-checks';
import type { ProjectState } from '../project-state';
import { FEEDBACK_CHANNELS, type FeedbackChannel } from '../vocabulary';
import { charterOf, eventOf, nextId, only, requireLead, requirePhase, type Decision } from './common';

export type FeedbackCommand =
  | { type: 'openFeedback'; /** ISO 8601 instant */ closesAt: string; channels: FeedbackChannel[] }
  | { type: 'submitFeedback'; channel: FeedbackChannel; body: string; anonymous?: boolean | null }
  | { type: 'closeFeedback' }
  | { type: 'acknowledgeFeedback'; message: string };

type Decider<C> = (state: ProjectState, command: C, actor: Actor, now: Date) => Decision;

/** Who an anonymous item is recorded as, so the audit trail does not name its author. */
export const ANONYMOUS_ACTOR = { id: 'anonymous', displayName: 'Anonymous', roles: [] as string[] };

/** The FeedbackClosed event, by the lead or (at closesAt) by the system. */
export function feedbackClosed(state: ProjectState, actor: Actor | typeof ANONYMOUS_ACTOR, now: Date) {
  const dueBy = acknowledgementDueBy(charterOf(state.charterId), now);
  return eventOf('FeedbackClosed', { dueBy }, actor, now);
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
    if (state.meetings.some((m) => m.status === 'SCHEDULED'))
      throw invalidPhase('A meeting is still scheduled: record or cancel it before opening feedback.');
    return only(
      eventOf('FeedbackOpened', { closesAt: closesAt.toISOString(), channels: chosen }, actor, now),
    );
  },

  submitFeedback(state, { channel, body, anonymous }, actor, now) {
    const participant = state.participants.find((p) => p.personId === actor.id);
    if (!participant) throw forbidden('Only participants of this project can give feedback on it.');
    const text = checkText('body', body, { max: LIMITS.longText, required: true, label: 'The feedback' });
    const ch = checkOneOf('channel', channel, FEEDBACK_CHANNELS, 'The channel');
    requirePhase(state, ['FEEDBACK'], 'give feedback');
    if (!state.feedbackWindow?.channels.includes(ch))
      throw badInput(
        'channel',
        `This feedback window takes ${state.feedbackWindow?.channels.join(', ')}, not ${ch}.`,
      );
    const feedbackId = nextId(state, 'f', state.feedback.length);
    const fromParticipantId = anonymous ? null : participant.id;
    const author = anonymous ? ANONYMOUS_ACTOR : actor;
    const sealer = new Sealer(state);
    const submitted = eventOf(
      'FeedbackSubmitted',
      { feedbackId, channel: ch, body: sealer.seal(text), fromParticipantId },
      author,
      now,
    );
    return { ...only(submitted), confidentialTexts: sealer.texts };
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
    return only(eventOf('FeedbackAcknowledged', { message: text, onTime }, actor, now));
  },
};
