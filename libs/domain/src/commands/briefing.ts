// Briefing parent carer representatives before work starts (002: the key contact briefs
// them; plain English, abbreviations explained).
import type { Actor } from '../actor';
import { charterRule, badInput } from '../errors';
import { checkText, LIMITS } from '../input-checks';
import { charterInWords, unexplainedAbbreviations } from '../plain-english';
import type { CharterProfile } from '../charters';
import type { ProjectState } from '../project-state';
import type { LadderLevel } from '../vocabulary';
import {
  charterOf,
  eventOf,
  isRuleOn,
  only,
  requireLeadOrKeyContact,
  requirePhase,
  type Decision,
} from './common';

export type BriefingCommand =
  { type: 'recordBriefing'; summary: string; briefedParticipantIds: string[] } | { type: 'completeBriefing' };

const BRIEFING_PHASES = ['BRIEFING', 'MEETINGS', 'FEEDBACK', 'ACKNOWLEDGEMENT', 'CLOSING_REPORT'] as const;

type Decider<C> = (state: ProjectState, command: C, actor: Actor, now: Date) => Decision;

/** Levels at which `briefing.beforeWork` asks for a briefing of the parent carer side. */
const BRIEFED_LEVELS: readonly LadderLevel[] = ['PARTNERSHIP', 'CO_PRODUCTION'];

/** True when the charter's `briefing.beforeWork` asks for a briefing at this level. */
export const needsBriefing = (charter: CharterProfile, level: LadderLevel) =>
  isRuleOn(charter, 'briefing.beforeWork') && BRIEFED_LEVELS.includes(level);

/**
 * `briefing.beforeWork`: at least one current PARENT_REP participant has been briefed.
 * `step` names the step refused, for the message ("completing the briefing").
 */
export function requireBriefedParentRep(state: ProjectState, charter: CharterProfile, step: string) {
  const briefedReps = (state.briefing?.briefedParticipantIds ?? []).filter(
    (id) => state.participants.find((p) => p.id === id)?.role === 'PARENT_REP',
  );
  if (briefedReps.length === 0)
    throw charterRule(
      'briefing.beforeWork',
      `${charterInWords(charter)} asks for parent carer representatives to be briefed before work starts: record a briefing of at least one parent carer representative before ${step}.`,
    );
}

export const briefingDeciders: {
  [K in BriefingCommand['type']]: Decider<Extract<BriefingCommand, { type: K }>>;
} = {
  recordBriefing(state, command, actor, now) {
    requireLeadOrKeyContact(state, actor, 'record a briefing');
    const summary = checkText('summary', command.summary, {
      max: LIMITS.longText,
      required: true,
      label: 'The summary',
    });
    const ids = command.briefedParticipantIds;
    if (!Array.isArray(ids) || ids.length === 0)
      throw badInput('briefedParticipantIds', 'Say who was briefed: give at least one participant id.');
    if (ids.length > LIMITS.participants)
      throw badInput('briefedParticipantIds', 'Too many participant ids.');
    const unknown = ids.filter((id) => !state.participants.some((p) => p.id === id));
    if (unknown.length)
      throw badInput(
        'briefedParticipantIds',
        `These are not participants of this project: ${unknown.join(', ')}.`,
      );
    // Also after the briefing phase: a rep who joins later, or a raised level, needs one.
    requirePhase(state, BRIEFING_PHASES, 'record a briefing');
    const briefedParticipantIds = [...new Set(ids)];
    return only(
      eventOf(
        'BriefingRecorded',
        { briefedParticipantIds, summary, unexplainedAbbreviations: unexplainedAbbreviations(summary) },
        actor,
        now,
      ),
    );
  },

  completeBriefing(state, _command, actor, now) {
    requireLeadOrKeyContact(state, actor, 'complete the briefing');
    requirePhase(state, ['BRIEFING'], 'complete the briefing');
    const charter = charterOf(state.charterId);
    if (needsBriefing(charter, state.ladder.agreedLevel ?? state.ladder.proposedLevel))
      requireBriefedParentRep(state, charter, 'completing the briefing');
    return only(eventOf('BriefingCompleted', {}, actor, now));
  },
};
