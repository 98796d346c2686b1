// "What you can do next" on the project page: links to the project lead's and key contact's
// step forms that fit the project's phase and the person's role on it, in plain English.
// Only links: the domain still decides each step when its form is sent.
import type { Actor } from '../../../../../libs/domain/src/actor';
import { hasParticipantRole } from '../../../../../libs/domain/src/access';
import type { ProjectState } from '../../../../../libs/domain/src/project-state';
import { FINAL_PHASES, PROJECT_PHASES, type ProjectPhase } from '../../../../../libs/domain/src/vocabulary';

export interface PageAction {
  href: string;
  text: string;
}

type Who = 'LEAD' | 'LEAD_OR_KEY_CONTACT';

interface ActionRule {
  step: string;
  text: string;
  who: Who;
  phases: readonly ProjectPhase[];
  /** Shown only when this holds as well. */
  when?: (state: ProjectState) => boolean;
}

const MEETING_PHASES: readonly ProjectPhase[] = ['MEETINGS', 'FEEDBACK', 'ACKNOWLEDGEMENT', 'CLOSING_REPORT'];
const RUNNING = PROJECT_PHASES.filter((p) => !FINAL_PHASES.includes(p));

/** The project's own steps, in the order a project takes them. */
const PROJECT_ACTIONS: readonly ActionRule[] = [
  {
    step: 'accept-level',
    text: 'Accept the level of participation the parent carer side proposed',
    who: 'LEAD',
    phases: ['LADDER_AGREEMENT'],
    when: (s) => s.ladder.proposedBy === 'PARENT_CARERS',
  },
  {
    step: 'change-level',
    text: 'Propose or change the level of participation',
    who: 'LEAD',
    phases: RUNNING,
  },
  {
    step: 'record-briefing',
    text: 'Record a briefing of parent carer representatives',
    who: 'LEAD_OR_KEY_CONTACT',
    phases: ['BRIEFING', ...MEETING_PHASES],
  },
  {
    step: 'complete-briefing',
    text: 'Finish the briefing and move on to meetings',
    who: 'LEAD_OR_KEY_CONTACT',
    phases: ['BRIEFING'],
  },
  {
    step: 'schedule-meeting',
    text: 'Book a meeting',
    who: 'LEAD_OR_KEY_CONTACT',
    phases: ['MEETINGS', 'FEEDBACK'],
  },
  {
    step: 'record-past-meeting',
    text: 'Record a meeting that was not booked here',
    who: 'LEAD_OR_KEY_CONTACT',
    phases: ['MEETINGS', 'FEEDBACK'],
  },
  { step: 'open-feedback', text: 'Start gathering feedback', who: 'LEAD', phases: ['MEETINGS'] },
  {
    step: 'feedback-link',
    text: 'Share a public feedback link anyone can answer',
    who: 'LEAD',
    phases: ['FEEDBACK'],
  },
  { step: 'close-feedback', text: 'Stop gathering feedback', who: 'LEAD', phases: ['FEEDBACK'] },
  {
    step: 'acknowledge-feedback',
    text: 'Thank people for their feedback',
    who: 'LEAD',
    phases: ['ACKNOWLEDGEMENT'],
  },
  {
    step: 'closing-report',
    text: 'Publish the "You said, we did" report',
    who: 'LEAD',
    phases: ['CLOSING_REPORT'],
  },
  {
    step: 'closing-report',
    text: 'Publish the "You said, we did" report',
    who: 'LEAD',
    phases: ['MEETINGS'],
    when: (s) => (s.ladder.agreedLevel ?? s.ladder.proposedLevel) === 'INFORMATION_ONLY',
  },
  { step: 'participants', text: 'Add, change or remove participants', who: 'LEAD', phases: RUNNING },
  { step: 'cancel', text: 'Cancel the project', who: 'LEAD', phases: RUNNING },
];

function mayAct(state: ProjectState, actor: Actor, who: Who): boolean {
  return who === 'LEAD'
    ? hasParticipantRole(state, actor, 'LEAD')
    : hasParticipantRole(state, actor, 'LEAD', 'KEY_CONTACT');
}

/** The step forms the project's lead or key contact can use now; [] for anyone else. */
export function leadActionsFor(state: ProjectState, actor: Actor): PageAction[] {
  if (FINAL_PHASES.includes(state.phase)) return [];
  const base = `/projects/${encodeURIComponent(state.id)}`;
  const actions: PageAction[] = PROJECT_ACTIONS.filter(
    (a) => a.phases.includes(state.phase) && (a.when?.(state) ?? true) && mayAct(state, actor, a.who),
  ).map((a) => ({ href: `${base}/${a.step}`, text: a.text }));
  if (mayAct(state, actor, 'LEAD_OR_KEY_CONTACT') && MEETING_PHASES.includes(state.phase))
    for (const m of state.meetings.filter((meeting) => meeting.status === 'SCHEDULED')) {
      const at = `${base}/meetings/${encodeURIComponent(m.id)}`;
      if (!m.papersDistributedAt)
        actions.push({ href: `${at}/papers`, text: `Send out the papers for "${m.title}"` });
      actions.push(
        { href: `${at}/record`, text: `Record what happened at "${m.title}"` },
        { href: `${at}/reschedule`, text: `Move "${m.title}" to another time` },
        { href: `${at}/cancel`, text: `Cancel "${m.title}"` },
      );
    }
  return actions;
}

/** True while the project runs, for its lead: who may add, re-role and remove participants. */
export const managesParticipants = (state: ProjectState, actor: Actor) =>
  !FINAL_PHASES.includes(state.phase) && mayAct(state, actor, 'LEAD');

/** The links beside each participant for the lead: change their role, remove them. */
export function participantActionsFor(
  state: ProjectState,
  actor: Actor,
  participantId: string,
): PageAction[] {
  if (!managesParticipants(state, actor)) return [];
  const at = `/projects/${encodeURIComponent(state.id)}/participants/${encodeURIComponent(participantId)}`;
  return [
    { href: `${at}/change-role`, text: 'Change role' },
    { href: `${at}/remove`, text: 'Remove' },
  ];
}
