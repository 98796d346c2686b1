// Briefing parent carer representatives before work starts (002: the key contact briefs
// them; plain English, abbreviations explained).
import type { Actor } from '../actor';
import { charterRule, badInput } from '../errors';
import { checkText, LIMITS } from '../input-checks';
import { charterInWords, unexplainedAbbreviations } from '../plain-english';
import type { ProjectState } from '../project-state';
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

type Decider<C> = (state: ProjectState, command: C, actor: Actor, now: Date) => Decision;

/** Levels at which `briefing.beforeWork` asks for a briefing of the parent carer side. */
const BRIEFED_LEVELS = ['PARTNERSHIP', 'CO_PRODUCTION'];

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
    requirePhase(state, ['BRIEFING'], 'record a briefing');
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
    const level = state.ladder.agreedLevel ?? state.ladder.proposedLevel;
    if (isRuleOn(charter, 'briefing.beforeWork') && BRIEFED_LEVELS.includes(level)) {
      const briefedReps = (state.briefing?.briefedParticipantIds ?? []).filter(
        (id) => state.participants.find((p) => p.id === id)?.role === 'PARENT_REP',
      );
      if (briefedReps.length === 0)
        throw charterRule(
          'briefing.beforeWork',
          `${charterInWords(charter)} asks for parent carer representatives to be briefed before work starts: record a briefing of at least one parent carer representative first.`,
        );
    }
    return only(eventOf('BriefingCompleted', {}, actor, now));
  },
};
