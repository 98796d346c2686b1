// The five charter profiles, one object per seed in /shared/seeds, following DOMAIN.md's
// table. A quoted `source` copies the seed's own words exactly (profiles.spec.ts checks each
// quote against its seed file); `product rule` marks our product's decision.
import { DEFAULT_SCHOOL_RUN_TIMES, PRODUCT_RULE, ruleOff, ruleOn } from './rules';
import { ENGLAND_DEFAULT_SCHOOL_HOLIDAYS } from './school-holidays';
import { RULE_IDS, type CharterProfile, type CharterRule, type RuleId, type RuleValues } from './types';

const schoolRun = () => DEFAULT_SCHOOL_RUN_TIMES.map((range) => ({ ...range }));
const englandSchoolHolidays = () => ENGLAND_DEFAULT_SCHOOL_HOLIDAYS.map((range) => ({ ...range }));

/** Every rule of these kinds (the part of its id before the dot), OFF. */
const allOff = (...kinds: string[]) => RULE_IDS.filter((id) => kinds.includes(id.split('.')[0])).map(ruleOff);

// Two charters set none of the briefing, meeting, papers or acknowledgement rules.
const NO_BRIEFING_MEETING_OR_DEADLINE_RULES = allOff('briefing', 'meeting', 'papers', 'feedback');

// Two charters ask for meetings away from the school run but set no notice, window or length.
const NO_BOOKING_LIMITS = (
  ['meeting.minBookingNoticeDays', 'meeting.window', 'meeting.maxDurationMinutes'] as const
).map(ruleOff);

const PROFILES: CharterProfile[] = [
  {
    id: 'wokingham',
    name: 'Wokingham Local Area Special Educational Needs and Disabilities (SEND) Co-production Charter',
    forumName: 'SEND Voices Wokingham',
    boardName: 'SEND Improvement Board (SIB)',
    seedFile: '000_872b5fb90e158163.txt',
    rules: [
      ruleOn(
        'ladder.reasonRequired',
        true,
        '000: "Stakeholders and partners within their reports are asked to provide information and reasoning about the extent of co-production with reference to the co-production ladder"',
      ),
      ...NO_BRIEFING_MEETING_OR_DEADLINE_RULES,
      ruleOn(
        'report.youSaidWeDid',
        true,
        '000: "Ensure that when we seek the views of children, young people, adults and their families, which we feed back what we have done as a result i.e. "You said...we did...""',
      ),
      ruleOn(
        'board.reportEveryMonths',
        6,
        '000: "Stakeholders and partners are to provide reports at least every 6 months demonstrating how co-production is embedded or developing within their organisation"',
      ),
      ruleOn(
        'charter.reviewEveryMonths',
        6,
        '000: "This charter will be reviewed every six months initially and move to 12 - 24 months as co-production becomes more embedded"',
      ),
    ],
  },
  {
    id: 'north-northamptonshire',
    name: 'North Northamptonshire Special Educational Needs and Disabilities (SEND) Co-production Charter',
    forumName: 'North Northamptonshire Parent Forum Group',
    boardName: 'SEND Accountability Board',
    seedFile: '001_cb78f902adb0e345.txt',
    rules: [
      ruleOn('ladder.reasonRequired', true, PRODUCT_RULE),
      ...NO_BRIEFING_MEETING_OR_DEADLINE_RULES,
      ruleOn('report.youSaidWeDid', true, PRODUCT_RULE),
      ruleOff('board.reportEveryMonths'),
      ruleOff('charter.reviewEveryMonths'),
    ],
  },
  {
    id: 'worcestershire',
    name: "Worcestershire's Special Educational Needs and Disabilities (SEND) Charter",
    forumName: 'Families in Partnership (FiP)',
    boardName: 'SEND Improvement Board',
    seedFile: '002_3d57e20bf64d8655.txt',
    rules: [
      ruleOn(
        'ladder.reasonRequired',
        true,
        '002: "At the beginning of a work programme consideration will be given to the level of participation required and reasons given to the decision made"',
      ),
      ruleOn(
        'briefing.beforeWork',
        true,
        '002: "Partner organisations will nominate a key contact who will liaise with FiP and be available to brief parent carer reps before work commences"',
      ),
      ...NO_BOOKING_LIMITS,
      ruleOn(
        'meeting.avoidSchoolRun',
        schoolRun(),
        '002: "Meetings will be arranged to avoid school pick up and drop off times" (the times are a product rule)',
      ),
      ruleOn(
        'meeting.avoidSchoolHolidays',
        englandSchoolHolidays(),
        '002: "where possible, avoiding school holidays" (the dates are the product\'s default England school holidays)',
      ),
      ruleOn(
        'papers.minNoticeDays',
        7,
        '002: "Papers will be distributed at least 7 days before a meeting, when possible"',
      ),
      ruleOn(
        'feedback.ackWorkingDays',
        10,
        '002: "When feedback has been received, this will be acknowledged within 10 working days of the close date"',
      ),
      ruleOn(
        'report.youSaidWeDid',
        true,
        '002: "Any resulting reports and actions will be shared with respondents along with details of changes to services ideally in a \'You said, we did\' style of feedback document"',
      ),
      ruleOff('board.reportEveryMonths'),
      ruleOff('charter.reviewEveryMonths'),
    ],
  },
  {
    id: 'warrington',
    name: 'Warrington Coproduction Charter',
    forumName: 'Warrington Parents and Carers (WarrPAC)',
    boardName: 'SEND Strategy Group',
    seedFile: '003_fbe0882e1ca6975b.txt',
    rules: [
      ruleOn('ladder.reasonRequired', true, PRODUCT_RULE),
      ruleOn(
        'briefing.beforeWork',
        true,
        '003: "Sufficient advance notice of meetings and purpose of meetings/consultations explained and appropriate briefings"',
      ),
      ...NO_BOOKING_LIMITS,
      ruleOn(
        'meeting.avoidSchoolRun',
        schoolRun(),
        '003: "Consideration to be given to school times when planning the timing of meetings and consultations" (the times are a product rule)',
      ),
      ruleOff('meeting.avoidSchoolHolidays'),
      ruleOff('papers.minNoticeDays'),
      ruleOff('feedback.ackWorkingDays'),
      ruleOn('report.youSaidWeDid', true, PRODUCT_RULE),
      ruleOff('board.reportEveryMonths'),
      ruleOff('charter.reviewEveryMonths'),
    ],
  },
  {
    id: 'hounslow',
    name: 'Hounslow Special Educational Needs and Disabilities (SEND) Co-production Charter',
    forumName: null,
    boardName: null,
    seedFile: '004_f4825227f7a6304e.txt',
    rules: [
      ruleOn('ladder.reasonRequired', true, PRODUCT_RULE),
      ruleOff('briefing.beforeWork'),
      ruleOn(
        'meeting.minBookingNoticeDays',
        25,
        '004: "prebooking of meetings should be done as a minimum of 25 days in advance"',
      ),
      ruleOn(
        'meeting.window',
        { from: '10:00', to: '14:00' },
        '004: "meetings are to be scheduled between 10am and 2pm to accommodate parents\' and carers\' commitments, particularly school runs"',
      ),
      ruleOn(
        'meeting.maxDurationMinutes',
        120,
        '004: "The duration of meetings should not exceed 2 hours to respect their time constraints"',
      ),
      ruleOff('meeting.avoidSchoolRun'),
      ruleOff('meeting.avoidSchoolHolidays'),
      ruleOn(
        'papers.minNoticeDays',
        7,
        '004: "meeting agendas, and associated documents circulated 7 days before the meeting"',
      ),
      ruleOff('feedback.ackWorkingDays'),
      ruleOff('report.youSaidWeDid'),
      ruleOff('board.reportEveryMonths'),
      ruleOff('charter.reviewEveryMonths'),
    ],
  },
];

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** Every charter profile, frozen: ids wokingham, north-northamptonshire, worcestershire, warrington, hounslow. */
export const CHARTERS: readonly CharterProfile[] = deepFreeze(PROFILES);

export function findCharter(id: string): CharterProfile | undefined {
  return CHARTERS.find((charter) => charter.id === id);
}

/** One rule of a charter; throws when the profile lacks it (every profile has all twelve). */
export function ruleOf(charter: CharterProfile, id: RuleId): CharterRule {
  const rule = charter.rules.find((r) => r.id === id);
  if (!rule)
    throw new Error(
      `Charter profile ${charter.id} has no rule ${id}; expected one of ${RULE_IDS.join(', ')}.`,
    );
  return rule;
}

/** A rule's value with its type (RuleValues), or null when the rule is OFF. */
export function ruleValue<K extends RuleId>(charter: CharterProfile, id: K): RuleValues[K] | null {
  const rule = ruleOf(charter, id);
  return rule.mode === 'OFF' ? null : (rule.value as RuleValues[K]);
}
