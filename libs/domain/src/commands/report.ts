// The closing report: "You said, we did" for every feedback item, the level achieved
// against the level agreed, barriers, lessons and what is worth celebrating.
import type { Actor } from '../actor';
import { Sealer } from '../confidential';
import { formatLongDate, londonDateOf } from '../calendar';
import { badInput, charterRule } from '../errors';
import type { YouSaidWeDidRecord } from '../events';
import { checkOneOf, checkOptionalText, checkText, LIMITS } from '../input-checks';
import { CHANNEL_WORDS, charterInWords, firstWords, levelInWords, listInWords } from '../plain-english';
import type { FeedbackItemState, ProjectState } from '../project-state';
import { isBelow, LADDER_LEVELS, type LadderLevel } from '../vocabulary';
import { charterOf, eventOf, isRuleOn, only, requireLead, requirePhase, type Decision } from './common';

/** A feedback item named for a person: its first words, or (when confidential) where and when it came. */
function feedbackInWords(item: FeedbackItemState): string {
  const words = firstWords(item.body);
  const from = `${CHANNEL_WORDS[item.channel]} on ${formatLongDate(londonDateOf(new Date(item.receivedAt)))}`;
  return words ? `"${words}" (from ${from})` : `the feedback from ${from}`;
}

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
      `The level achieved is below the level agreed (${levelInWords(levelAgreed)}): say what barriers were met.`,
    );

  const phases =
    levelAgreed === 'INFORMATION_ONLY'
      ? (['CLOSING_REPORT', 'MEETINGS'] as const)
      : (['CLOSING_REPORT'] as const);
  requirePhase(state, phases, 'publish the closing report');
  const charter = charterOf(state.charterId);
  if (isRuleOn(charter, 'report.youSaidWeDid')) {
    const covered = new Set(youSaidWeDid.flatMap((e) => e.feedbackIds));
    const missing = state.feedback.filter((f) => !covered.has(f.id)).map(feedbackInWords);
    if (missing.length)
      throw charterRule(
        'report.youSaidWeDid',
        `${charterInWords(charter)} asks for every piece of feedback to be answered: add a "You said, we did" entry covering ${listInWords(missing)}.`,
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
