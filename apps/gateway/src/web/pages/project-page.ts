// What the project page says, in words, from the presenter's view of the project: who sees
// emails and confidential text is decided there (project.presenter.ts), never here.
import { isParticipant, speaksForParentCarers } from '../../../../../libs/domain/src/access';
import type { Actor } from '../../../../../libs/domain/src/actor';
import { findCharter, ruleKind } from '../../../../../libs/domain/src/charters';
import { CHANNEL_WORDS, sentenceCase } from '../../../../../libs/domain/src/plain-english';
import { LADDER_LEVELS, PROJECT_PHASES, type ProjectPhase } from '../../../../../libs/domain/src/vocabulary';
import { RULE_WORDS, ruleWords } from '../../board-report/board-report.words';
import type { ProjectView, Viewer } from '../../projects/project.presenter';
import { dateTimeInWords, dayInWords, timeInWords } from '../rendering/word-filters';
import { CONFIDENTIALITY_WORDS, LEVEL_WORDS, PHASE_WORDS, ROLE_WORDS } from '../rendering/words';
import { leadActionsFor } from './lead-actions';

/** The phases a project goes through, in order (a cancelled project stops where it was). */
const STEPS: ProjectPhase[] = PROJECT_PHASES.filter((p) => p !== 'CANCELLED');

export type StepStatus = 'done' | 'now' | 'next' | 'later';

export function phaseSteps(phase: ProjectPhase): { text: string; status: StepStatus }[] {
  const now = STEPS.indexOf(phase);
  return STEPS.map((p, i) => ({
    text: PHASE_WORDS[p],
    status: phase === 'CLOSED' || i < now ? 'done' : i === now ? 'now' : i === now + 1 ? 'next' : 'later',
  }));
}

/** The words for a code the presenter gives as a string (its model's type). */
const wordFor = <K extends string>(words: Record<K, string>, code: string): string => words[code as K];

/** "a survey" as a choice on its own: "A survey". */
export const channelChoice = (channel: string) => sentenceCase(wordFor(CHANNEL_WORDS, channel));

const MEETING_STATUS_WORDS = { SCHEDULED: 'Booked', HELD: 'Held', CANCELLED: 'Cancelled' } as const;

function ladderOf(view: ProjectView) {
  const { ladder } = view.state;
  const status = ladder.agreedLevel
    ? 'Agreed'
    : ladder.proposedBy === 'LEAD'
      ? 'Proposed'
      : 'Counter-proposed';
  return {
    level: LEVEL_WORDS[ladder.agreedLevel ?? ladder.proposedLevel],
    status,
    sentence: ladder.agreedLevel
      ? `Agreed on ${dayInWords(ladder.agreedAt)}.`
      : ladder.proposedBy === 'LEAD'
        ? 'Proposed by the project lead. The parent carer side has not agreed it yet.'
        : 'Counter-proposed by the parent carer side. The project lead has not agreed it yet.',
    reason: ladder.proposedReason,
    history: ladder.history.map((h) => ({
      level: LEVEL_WORDS[h.level],
      reason: h.reason,
      by: h.by.displayName,
      at: h.at,
    })),
  };
}

function deadlinesOf(view: ProjectView): string[] {
  return view.deadlines.map((d) => {
    if (d.kind === 'papers') {
      const meeting = view.meetings.find((m) => m.id === d.meetingId);
      return `The papers for "${meeting?.title ?? 'the meeting'}" are due by ${dayInWords(d.dueAt)}.`;
    }
    if (d.kind === 'feedbackClose') return `Feedback closes on ${dateTimeInWords(d.dueAt)}.`;
    return `The project lead must acknowledge the feedback by ${dayInWords(view.acknowledgement?.dueBy ?? d.dueAt)}.`;
  });
}

function promisesOf(view: ProjectView) {
  return (findCharter(view.state.charterId)?.rules ?? [])
    .filter((r) => r.mode !== 'OFF')
    .map((r) => {
      const broken = view.breaches.filter((b) => b.rule === r.id).length;
      const forBoard = ruleKind(r.id) === 'board';
      return {
        title: RULE_WORDS[r.id].asks,
        description: r.description,
        status: forBoard
          ? { text: 'For the board', classes: 'govuk-tag--grey' }
          : broken
            ? { text: broken === 1 ? 'Not kept once' : `Not kept ${broken} times`, classes: 'govuk-tag--red' }
            : { text: 'Kept so far', classes: 'govuk-tag--green' },
      };
    });
}

function meetingsOf(view: ProjectView, viewer: Viewer) {
  return view.meetings.map((m) => {
    const state = view.state.meetings.find((s) => s.id === m.id);
    const endsAt = new Date(new Date(m.startsAt).getTime() + m.durationMinutes * 60_000);
    return {
      title: m.title,
      status: wordFor(MEETING_STATUS_WORDS, m.status),
      when: `${dateTimeInWords(m.startsAt)} to ${timeInWords(endsAt)}`,
      location: m.location,
      accessibilityNotes: m.accessibilityNotes,
      papers: m.papersDistributedAt
        ? `Sent out on ${dayInWords(m.papersDistributedAt)}`
        : m.papersDueBy
          ? `Due by ${dayInWords(m.papersDueBy)}`
          : null,
      documents: (state?.documents ?? []).map((d) => viewer.text(d)),
      cancelledReason: state?.cancelledReason ?? null,
      minutes: m.minutes,
      decisions: m.decisions,
      actions: m.actions,
      calendarHref:
        m.status === 'SCHEDULED'
          ? `/projects/${encodeURIComponent(view.id)}/meetings/${encodeURIComponent(m.id)}/calendar.ics`
          : null,
    };
  });
}

/** The values of the project page's template, for this viewer. */
export function projectPage(view: ProjectView, viewer: Viewer, actor: Actor) {
  const { state } = view;
  const window = view.feedbackWindow;
  const feedbackOpen = state.phase === 'FEEDBACK' && window !== null && !window.closedAt;
  return {
    id: view.id,
    title: view.title,
    purpose: view.purpose,
    charter: view.charter.name,
    confidentiality: CONFIDENTIALITY_WORDS[view.confidentiality],
    expectedOutcomes: view.expectedOutcomes,
    phase: PHASE_WORDS[state.phase],
    steps: state.phase === 'CANCELLED' ? [] : phaseSteps(state.phase),
    cancellation: state.cancellation,
    ladder: ladderOf(view),
    promises: promisesOf(view),
    breaches: view.breaches.map((b) => ({
      promise: ruleWords(b.rule).asks,
      at: b.at,
      detail: b.detail,
      reason: b.reason,
    })),
    deadlines: deadlinesOf(view),
    briefing: view.briefing && {
      heldAt: view.briefing.heldAt,
      summary: view.briefing.summary,
      briefed: view.briefing.briefed.map((p) => p.displayName),
    },
    meetings: meetingsOf(view, viewer),
    participants: view.participants.map((p) => ({
      name: p.displayName,
      role: ROLE_WORDS[p.role] ?? 'Participant',
      organisation: p.organisation,
      email: p.email,
    })),
    feedbackWindow: window && {
      closesAt: window.closesAt,
      closedAt: window.closedAt,
      channels: window.channels.map((c) => wordFor(CHANNEL_WORDS, c)),
    },
    feedback: view.feedback.map((f) => ({
      from: f.from?.displayName ?? 'Anonymous',
      channel: channelChoice(f.channel),
      at: f.receivedAt,
      body: f.body,
    })),
    acknowledgement: view.acknowledgement,
    report: view.closingReport && {
      ...view.closingReport,
      levelAgreed: wordFor(LEVEL_WORDS, view.closingReport.levelAgreed),
      levelAchieved: wordFor(LEVEL_WORDS, view.closingReport.levelAchieved),
    },
    leadActions: leadActionsFor(state, actor),
    // The forms a person may use here; the domain still decides when they send one.
    ladderForms:
      state.phase === 'LADDER_AGREEMENT' && speaksForParentCarers(state, actor)
        ? {
            canAgree: state.ladder.proposedBy === 'LEAD',
            levels: LADDER_LEVELS.filter((l) => l !== state.ladder.proposedLevel).map((l) => ({
              value: l,
              text: LEVEL_WORDS[l],
            })),
          }
        : null,
    feedbackForm:
      feedbackOpen && isParticipant(state, actor)
        ? { channels: window.channels.map((c) => ({ value: c, text: channelChoice(c) })) }
        : null,
  };
}
