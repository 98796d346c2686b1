// The people the domain's decision tests act as: one each of the roles, acting in every
// charter unless a test says otherwise.
import type { Actor } from '../src/actor';
import { CHARTERS } from '../src/charters';

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
