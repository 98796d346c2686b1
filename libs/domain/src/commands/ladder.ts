// Agreeing the rung of the ladder of participation between the lead and the parent carer
// side, changing it later, and cancelling the project.
import type { Actor } from '../actor';
import { badInput, invalidPhase } from '../errors';
import { levelInWords } from '../plain-english';
import { checkOneOf } from '../input-checks';
import type { ProjectState } from '../project-state';
import { isBelow, LADDER_LEVELS, type LadderLevel } from '../vocabulary';
import { needsBriefing, requireBriefedParentRep } from './briefing';
import {
  requiredReason,
  optionalReason,
  charterOf,
  checkLadderReason,
  eventOf,
  only,
  requireLead,
  requireOpen,
  requireParentCarerSide,
  type Decision,
} from './common';

export type LadderCommand =
  | { type: 'agreeLadderLevel'; comment?: string | null }
  | { type: 'acceptLadderLevel'; comment?: string | null }
  | { type: 'counterProposeLadderLevel'; level: LadderLevel; reason: string }
  | { type: 'changeLadderLevel'; level: LadderLevel; reason: string }
  | { type: 'cancelProject'; reason: string };

function requireLadderAgreementPhase(state: ProjectState, what: string) {
  requireOpen(state);
  if (state.phase !== 'LADDER_AGREEMENT')
    throw invalidPhase(`The level of participation has already been agreed, so you cannot ${what} now.`);
}

const LEVEL_WORDS: Record<LadderLevel, string> = {
  INFORMATION_ONLY: 'information only',
  CONSULTATION: 'consultation',
  PARTNERSHIP: 'partnership',
  CO_PRODUCTION: 'co-production',
};

type Decider<C> = (state: ProjectState, command: C, actor: Actor, now: Date) => Decision;

export const ladderDeciders: { [K in LadderCommand['type']]: Decider<Extract<LadderCommand, { type: K }>> } =
  {
    agreeLadderLevel(state, command, actor, now) {
      requireParentCarerSide(state, actor, 'agree the level of participation');
      const comment = optionalReason('comment', command.comment, 'The comment');
      requireLadderAgreementPhase(state, 'agree it again');
      if (state.ladder.proposedBy === 'PARENT_CARERS')
        throw invalidPhase(
          "The standing proposal is the parent carer side's own counter-proposal: the project lead now needs to agree it (or propose another level).",
        );
      return only(
        eventOf(
          'LadderLevelAgreed',
          { level: state.ladder.proposedLevel, comment, side: 'PARENT_CARERS' },
          actor,
          now,
          comment,
        ),
      );
    },

    // The lead accepts the parent carer side's counter-proposal. Below CO_PRODUCTION the
    // comment is the lead's account of why co-production is not possible (the board reads it).
    acceptLadderLevel(state, command, actor, now) {
      requireLead(state, actor, 'accept a counter-proposal');
      const comment = optionalReason('comment', command.comment, 'The comment');
      const level = state.ladder.proposedLevel;
      if (!comment && isBelow(level, 'CO_PRODUCTION'))
        throw badInput(
          'comment',
          `Say why co-production is not possible on this project: a comment is required when accepting ${LEVEL_WORDS[level]}.`,
        );
      requireLadderAgreementPhase(state, 'accept a counter-proposal');
      if (state.ladder.proposedBy !== 'PARENT_CARERS')
        throw invalidPhase(
          'There is no counter-proposal to accept: the standing proposal is your own, and the parent carer side needs to agree it (or counter-propose).',
        );
      return only(eventOf('LadderLevelAgreed', { level, comment, side: 'LEAD' }, actor, now, comment));
    },

    counterProposeLadderLevel(state, command, actor, now) {
      requireParentCarerSide(state, actor, 'counter-propose a level of participation');
      const level = checkOneOf('level', command.level, LADDER_LEVELS, 'The level');
      const charter = charterOf(state.charterId);
      requireLadderAgreementPhase(state, 'counter-propose');
      const reason = checkLadderReason(charter, 'reason', command.reason, true);
      return only(eventOf('LadderLevelCounterProposed', { level }, actor, now, reason));
    },

    changeLadderLevel(state, command, actor, now) {
      requireLead(state, actor, 'change the level of participation');
      const level = checkOneOf('level', command.level, LADDER_LEVELS, 'The level');
      const charter = charterOf(state.charterId);
      requireOpen(state);
      if (state.phase === 'LADDER_AGREEMENT') {
        const reason = checkLadderReason(charter, 'reason', command.reason);
        // Agreeing the parent carer side's counter-proposal fixes the level; anything else is a new proposal.
        if (state.ladder.proposedBy === 'PARENT_CARERS' && level === state.ladder.proposedLevel)
          return only(
            eventOf(
              'LadderLevelAgreed',
              { level, comment: reason || null, side: 'LEAD' },
              actor,
              now,
              reason || null,
            ),
          );
        return only(eventOf('LadderLevelProposed', { level }, actor, now, reason));
      }
      const from = state.ladder.agreedLevel as LadderLevel;
      if (level === from) throw badInput('level', `The agreed level is already ${levelInWords(level)}.`);
      const reason = checkLadderReason(charter, 'reason', command.reason, true);
      // Raising the level past the briefing to one that needs it must not skip the briefing.
      if (state.phase !== 'BRIEFING' && !needsBriefing(charter, from) && needsBriefing(charter, level))
        requireBriefedParentRep(state, charter, `raising the level to ${LEVEL_WORDS[level]}`);
      return only(eventOf('LadderLevelChanged', { from, level }, actor, now, reason));
    },

    cancelProject(state, command, actor, now) {
      requireLead(state, actor, 'cancel the project');
      const reason = requiredReason('reason', command.reason);
      requireOpen(state);
      return only(eventOf('ProjectCancelled', { phase: state.phase }, actor, now, reason));
    },
  };
