// The fixed words of the domain, as the API contract spells them.

/** The check that a value is one of a fixed list's words, made once for every list that needs one. */
export const isOneOf =
  <W extends string>(words: readonly W[]) =>
  (value: unknown): value is W =>
    (words as readonly unknown[]).includes(value);

/** The words of a space-separated line, typed as the tuple of those words: each list is then one line. */
type Words<Line extends string> = Line extends `${infer Word} ${infer Rest}`
  ? [Word, ...Words<Rest>]
  : [Line];
const words = <Line extends string>(line: Line) => line.split(' ') as unknown as Readonly<Words<Line>>;

export const LADDER_LEVELS = words('INFORMATION_ONLY CONSULTATION PARTNERSHIP CO_PRODUCTION');
export type LadderLevel = (typeof LADDER_LEVELS)[number];

/** True when `level` is a lower rung of the ladder of participation than `than`. */
export function isBelow(level: LadderLevel, than: LadderLevel): boolean {
  return LADDER_LEVELS.indexOf(level) < LADDER_LEVELS.indexOf(than);
}

export const PROJECT_PHASES = words(
  'LADDER_AGREEMENT BRIEFING MEETINGS FEEDBACK ACKNOWLEDGEMENT CLOSING_REPORT CLOSED CANCELLED',
);
export type ProjectPhase = (typeof PROJECT_PHASES)[number];

/** Phases in which the project's workflow has finished; the project stays readable. */
export const FINAL_PHASES: readonly ProjectPhase[] = ['CLOSED', 'CANCELLED'];

export const CONFIDENTIALITY_LEVELS = words('PUBLIC PARTNERS MEETING_GROUP');
export type Confidentiality = (typeof CONFIDENTIALITY_LEVELS)[number];

/** Roles a person can hold on one project. */
export const PARTICIPANT_ROLES = words('LEAD KEY_CONTACT PARENT_REP YOUNG_PERSON PROFESSIONAL');
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];

/** Roles a token can carry: the participant roles plus the forum coordinator and board member. */
export const TOKEN_ROLES = [...PARTICIPANT_ROLES, 'FORUM', 'BOARD'] as const;
export type TokenRole = (typeof TOKEN_ROLES)[number];

export const FEEDBACK_CHANNELS = words('SURVEY FOCUS_GROUP REVIEW FORUM LOCAL_OFFER MEETING OTHER');
export type FeedbackChannel = (typeof FEEDBACK_CHANNELS)[number];

export const isFeedbackChannel = isOneOf(FEEDBACK_CHANNELS);
