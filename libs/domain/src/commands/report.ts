// The closing report: "You said, we did" for every feedback item, the level achieved
// against the level agreed, barriers, lessons and what is worth celebrating.
import type { Actor } from '../actor';
import { Sealer } from '../confidential';
import { badInput, charterRule } from '../errors';
import type { YouSaidWeDidRecord } from '../events';
import { checkOneOf, checkOptionalText, checkText, LIMITS } from '../input-checks';
import type { ProjectState } from '../project-state';
import { isBelow, LADDER_LEVELS, type LadderLevel } from '../vocabulary';
import { charterOf, eventOf, isRuleOn, only, requireLead, requirePhase, type Decision } from './common';

export interface ClosingReportInput {
  youSaidWeDid: { youSaid: string; weDid: string; feedbackIds: string[] }[];
  levelAchieved: LadderLevel;
  barriers?: string | null;
  lessonsLearned?: string | null;
  celebrate?: string | null;
}

export type ReportCommand = { type: 'publishClosingReport'; input: ClosingReportInput };

const MAX_ENTRIES = 1000;

export function decidePublishClosingReport(
  state: ProjectState,
  { input }: ReportCommand,
  actor: Actor,
  now: Date,
): Decision {
  requireLead(state, actor, 'publish the closing report');
  const entries = input.youSaidWeDid;
  if (!Array.isArray(entries) || entries.length > MAX_ENTRIES)
    throw badInput('youSaidWeDid', `"You said, we did" must be a list of at most ${MAX_ENTRIES} entries.`);
  const known = new Set(state.feedback.map((f) => f.id));
  // "You said" quotes the feedback, so a MEETING_GROUP project seals it like the feedback.
  const sealer = new Sealer(state);
  const youSaidWeDid: YouSaidWeDidRecord[] = entries.map((e, i) => {
    const ids = Array.isArray(e.feedbackIds) ? [...new Set(e.feedbackIds)] : [];
    const unknown = ids.filter((id) => !known.has(id));
    if (unknown.length)
      throw badInput(`youSaidWeDid[${i}].feedbackIds`, `No feedback item has the id ${unknown.join(', ')}.`);
    return {
      youSaid: sealer.seal(
        checkText(`youSaidWeDid[${i}].youSaid`, e.youSaid, {
          max: LIMITS.longText,
          required: true,
          label: '"You said"',
        }),
      ),
      weDid: checkText(`youSaidWeDid[${i}].weDid`, e.weDid, {
        max: LIMITS.longText,
        required: true,
        label: '"We did"',
      }),
      feedbackIds: ids,
    };
  });
  const levelAchieved = checkOneOf('levelAchieved', input.levelAchieved, LADDER_LEVELS, 'The level achieved');
  const barriers = checkOptionalText('barriers', input.barriers, {
    max: LIMITS.longText,
    label: 'The barriers',
  });
  const lessonsLearned = checkOptionalText('lessonsLearned', input.lessonsLearned, {
    max: LIMITS.longText,
    label: 'The lessons learned',
  });
  const celebrate = checkOptionalText('celebrate', input.celebrate, {
    max: LIMITS.longText,
    label: 'What to celebrate',
  });
  const levelAgreed = state.ladder.agreedLevel ?? state.ladder.proposedLevel;
  if (isBelow(levelAchieved, levelAgreed) && !barriers)
    throw badInput(
      'barriers',
      `The level achieved is below the level agreed (${levelAgreed}): say what barriers were met.`,
    );

  const phases =
    levelAgreed === 'INFORMATION_ONLY'
      ? (['CLOSING_REPORT', 'MEETINGS'] as const)
      : (['CLOSING_REPORT'] as const);
  requirePhase(state, phases, 'publish the closing report');
  const charter = charterOf(state.charterId);
  if (isRuleOn(charter, 'report.youSaidWeDid')) {
    const covered = new Set(youSaidWeDid.flatMap((e) => e.feedbackIds));
    const missing = state.feedback.filter((f) => !covered.has(f.id)).map((f) => f.id);
    if (missing.length)
      throw charterRule(
        'report.youSaidWeDid',
        `The ${charter.name} asks for every piece of feedback to be answered: add a "You said, we did" entry covering ${missing.join(', ')}.`,
      );
  }
  return {
    ...only(
      eventOf(
        'ClosingReportPublished',
        { youSaidWeDid, levelAgreed, levelAchieved, barriers, lessonsLearned, celebrate },
        actor,
        now,
      ),
    ),
    confidentialTexts: sealer.texts,
  };
}
