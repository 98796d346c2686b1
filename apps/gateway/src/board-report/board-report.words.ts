// Plain-English words for the board report's downloads (CSV and PDF).
import type { RuleId } from '../../../../libs/domain/src/charters';
import { LEVEL_WORDS } from '../../../../libs/domain/src/plain-english';
import type { LadderLevel } from '../../../../libs/domain/src/vocabulary';

export { LEVEL_WORDS };

export const levelWords = (level: string | null): string =>
  level === null ? '' : (LEVEL_WORDS[level as LadderLevel] ?? level);

/** What each rule asks, in a few words, and what counts as one check of it. */
export const RULE_WORDS: Record<RuleId, { asks: string; check: string }> = {
  'ladder.reasonRequired': {
    asks: 'Reasons are given for the level of participation',
    check: 'each project started, and each level proposed, counter-proposed or changed',
  },
  'briefing.beforeWork': {
    asks: 'Parent carer representatives are briefed before work starts',
    check: 'each briefing completed on a project at partnership or co-production',
  },
  'meeting.minBookingNoticeDays': {
    asks: 'Meetings are booked far enough ahead',
    check: 'each meeting booked',
  },
  'meeting.window': {
    asks: 'Meetings are held within the agreed hours of the day',
    check: 'each meeting booked',
  },
  'meeting.maxDurationMinutes': {
    asks: 'Meetings are no longer than the agreed length',
    check: 'each meeting booked',
  },
  'meeting.avoidSchoolRun': {
    asks: 'Meetings avoid school drop-off and pick-up times',
    check: 'each meeting booked',
  },
  'meeting.avoidSchoolHolidays': {
    asks: 'Meetings avoid school holidays',
    check: 'each meeting booked',
  },
  'papers.minNoticeDays': {
    asks: 'The agenda and papers go out early enough before each meeting',
    check: 'each meeting whose papers went out, or became late, in the period',
  },
  'feedback.ackWorkingDays': {
    asks: 'Feedback is acknowledged within the agreed number of working days',
    check: 'each project whose feedback was acknowledged, or became late, in the period',
  },
  'report.youSaidWeDid': {
    asks: 'Every piece of feedback is answered in a "You said, we did" report',
    check: 'each closing report published',
  },
  'board.reportEveryMonths': {
    asks: 'Partners report to the board regularly',
    check: 'not checked project by project',
  },
  'charter.reviewEveryMonths': {
    asks: 'The charter is reviewed regularly',
    check: 'not checked project by project',
  },
};

export const ruleWords = (rule: string) => RULE_WORDS[rule as RuleId] ?? { asks: rule, check: '' };

/** How the numbers are counted, for the reader of a download. */
export const DEFINITIONS = [
  'Days are calendar days in the UK (Europe/London time); both the first and the last day are included.',
  'Projects started and projects closed count the projects of this charter that started, or published their closing report, in the period.',
  'Agreed level: the projects started in the period, by the level of participation agreed for them as it stands today. A project whose level is not agreed yet is not counted there.',
  'Achieved level: the projects closed in the period, by the level their closing report says was achieved.',
  'Checks count the steps in the period at which a charter rule was applied; breaches count the breaches of the rule recorded in the period.',
  'Promises broken: each breach of a charter rule recorded on a project in the period, with when it was recorded, what happened and the reason recorded with it. Someone who went ahead knowingly gave a reason; a deadline that passed has none.',
  'Projects below co-production: projects started or closed in the period whose agreed or achieved level is below co-production. The reason is the barriers from the closing report when the level achieved was below the level agreed, and otherwise the reason given for the level.',
];
