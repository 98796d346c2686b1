// The product's fixed codes in the words a person reads on a page. No page shows a code
// where words exist.
import type { LadderLevel, ProjectPhase } from '../../../../../libs/domain/src/vocabulary';

export const PHASE_WORDS: Record<ProjectPhase, string> = {
  LADDER_AGREEMENT: 'Agreeing how much say parent carers have',
  BRIEFING: 'Briefing parent carer representatives',
  MEETINGS: 'Meetings',
  FEEDBACK: 'Gathering feedback',
  ACKNOWLEDGEMENT: 'Acknowledging feedback',
  CLOSING_REPORT: 'Writing the "You said, we did" report',
  CLOSED: 'Finished',
  CANCELLED: 'Cancelled',
};

export const LEVEL_WORDS: Record<LadderLevel, string> = {
  INFORMATION_ONLY: 'Information only',
  CONSULTATION: 'Consultation',
  PARTNERSHIP: 'Partnership',
  CO_PRODUCTION: 'Co-production',
};

export const ROLE_WORDS: Record<string, string> = {
  LEAD: 'Project lead',
  KEY_CONTACT: 'Key contact',
  PARENT_REP: 'Parent carer representative',
  YOUNG_PERSON: 'Young person',
  PROFESSIONAL: 'Professional',
  FORUM: 'Forum coordinator',
  BOARD: 'Board member',
  ADMIN: 'Charter administrator',
};

export const CONFIDENTIALITY_WORDS: Record<string, string> = {
  PUBLIC: 'Anyone in the charter can read it',
  PARTNERS: 'Only people taking part, the forum and the board can read it',
  MEETING_GROUP: 'Only the meeting group can read minutes, decisions and feedback',
};
