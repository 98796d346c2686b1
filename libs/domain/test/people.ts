// The people the domain's decision tests act as (one each of the roles, acting in every
// charter unless a test says otherwise), and a request to start a project with them.
import type { Actor } from '../src/actor';
import { CHARTERS } from '../src/charters';
import type { ParticipantInput, StartProjectInput } from '../src/commands';

/** Every charter's id: wokingham, north-northamptonshire, worcestershire, warrington, hounslow. */
export const CHARTER_IDS: string[] = CHARTERS.map((charter) => charter.id);

export const person = (
  id: string,
  displayName: string,
  role: string,
  charters: readonly string[] = CHARTER_IDS,
): Actor => ({ id, displayName, roles: [role], charters: [...charters] });

export const lead = person('lead-1', 'Lee Lead', 'LEAD');
export const rep = person('rep-1', 'Pat Parent', 'PARENT_REP');
export const keyContact = person('key-1', 'Kim Key', 'KEY_CONTACT');
export const young = person('yp-1', 'Yan Young', 'YOUNG_PERSON');
export const board = person('board-1', 'Bo Board', 'BOARD');

/** The parent rep and key contact above as they are named in a start request. */
export const REP_AND_KEY_CONTACT: ParticipantInput[] = [
  { displayName: 'Pat Parent', role: 'PARENT_REP', personId: 'rep-1' },
  { displayName: 'Kim Key', role: 'KEY_CONTACT', personId: 'key-1' },
];

/** A request to start a CO_PRODUCTION project in Worcestershire with them; any field can be overridden. */
export const startInput = (overrides: Partial<StartProjectInput> = {}): StartProjectInput => ({
  charterId: 'worcestershire',
  title: 'Short breaks review',
  purpose: 'Review short breaks with families',
  confidentiality: 'PARTNERS',
  expectedOutcomes: ['A new short breaks offer'],
  proposedLevel: 'CO_PRODUCTION',
  proposedReason: 'Families use the service every week',
  participants: REP_AND_KEY_CONTACT,
  ...overrides,
});
