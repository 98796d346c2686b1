// The domain's codes in the words people use, for messages and reports: no API codes or
// internal ids reach a person (the lead, a parent carer rep or the board).
import type { CharterProfile } from '../charters/types';
import type { FeedbackChannel, LadderLevel, ProjectPhase } from '../vocabulary';

export const LEVEL_WORDS: Record<LadderLevel, string> = {
  INFORMATION_ONLY: 'Information only',
  CONSULTATION: 'Consultation',
  PARTNERSHIP: 'Partnership',
  CO_PRODUCTION: 'Co-production',
};

/** A ladder level inside a sentence: "co-production". */
export const levelInWords = (level: LadderLevel): string => LEVEL_WORDS[level].toLowerCase();

/** A project's phase inside a sentence: "this project is at briefing". */
export const PHASE_WORDS: Record<ProjectPhase, string> = {
  LADDER_AGREEMENT: 'agreeing the level of participation',
  BRIEFING: 'briefing',
  MEETINGS: 'meetings',
  FEEDBACK: 'gathering feedback',
  ACKNOWLEDGEMENT: 'acknowledging feedback',
  CLOSING_REPORT: 'writing the closing report',
  CLOSED: 'closed',
  CANCELLED: 'cancelled',
};

export const CHANNEL_WORDS: Record<FeedbackChannel, string> = {
  SURVEY: 'a survey',
  FOCUS_GROUP: 'a focus group',
  REVIEW: 'a review',
  FORUM: 'the forum',
  LOCAL_OFFER: 'the Local Offer',
  MEETING: 'a meeting',
  OTHER: 'another channel',
};

/**
 * A charter by name at the start of a sentence: "The Hounslow … Charter", but
 * "Worcestershire's … Charter" (a possessive name takes no "The").
 */
export function charterInWords(charter: Pick<CharterProfile, 'name'>, startOfSentence = true): string {
  if (/^\S+['’]s\s/.test(charter.name)) return charter.name;
  return `${startOfSentence ? 'The' : 'the'} ${charter.name}`;
}

/** "and" between the last two items: "a survey, a focus group and the Local Offer". */
export function listInWords(items: readonly string[], last = 'and'): string {
  return items.length <= 1
    ? items.join('')
    : `${items.slice(0, -1).join(', ')} ${last} ${items[items.length - 1]}`;
}

/** The first few words of a text, to name it: "Ask us before the…". Sealed (hashed) text has none. */
export function firstWords(text: string, words = 6): string | null {
  if (/^sha256:[0-9a-f]{64}$/.test(text)) return null;
  const all = text.trim().split(/\s+/).filter(Boolean);
  if (all.length === 0) return null;
  return all.length <= words ? all.join(' ') : `${all.slice(0, words).join(' ')}…`;
}

/** "a survey" → "A survey": words that start a sentence or stand as a choice on their own. */
export const sentenceCase = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
