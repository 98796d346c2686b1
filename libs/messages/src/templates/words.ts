// Dates, times and levels in words, for messages read by parent carers.
import { formatDuration, formatLongDate, londonWallClock } from '../../../domain/src/calendar';

/** 'Tuesday 2 March 2027 at 10:00' (London time). */
export function dateTimeWords(iso: string): string {
  const clock = londonWallClock(new Date(iso));
  return `${formatLongDate(clock.date)} at ${clock.time}`;
}

/** 'Tuesday 2 March 2027' for a YYYY-MM-DD day or an instant (its London day). */
export function dayWords(dateOrIso: string): string {
  return formatLongDate(
    /^\d{4}-\d{2}-\d{2}$/.test(dateOrIso) ? dateOrIso : londonWallClock(new Date(dateOrIso)).date,
  );
}

export const durationWords = formatDuration;

const LEVELS: Record<string, string> = {
  INFORMATION_ONLY: 'information only (we tell you what is happening)',
  CONSULTATION: 'consultation (we ask for your views before deciding)',
  PARTNERSHIP: 'partnership (we work on it together, with shared decisions)',
  CO_PRODUCTION: 'co-production (we design and decide it together as equals)',
};
export const levelWords = (level: string) => LEVELS[level] ?? level;

const CHANNELS: Record<string, string> = {
  SURVEY: 'a survey',
  FOCUS_GROUP: 'a focus group',
  REVIEW: 'a review',
  FORUM: 'the parent carer forum',
  LOCAL_OFFER: 'the Local Offer website',
  MEETING: 'a meeting',
  OTHER: 'another way',
};
export const channelWords = (channel: string) => CHANNELS[channel] ?? channel.toLowerCase();
