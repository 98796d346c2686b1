// The people the integration tests act as, and a project start request naming them.
import { randomUUID } from 'node:crypto';
import { tokenFor } from './tokens';

export function cast(charter = 'worcestershire') {
  const run = randomUUID().slice(0, 8);
  const person = (name: string, roles: string[], charters = [charter]) => {
    const sub = `${name.toLowerCase().replace(/\s+/g, '-')}-${run}`;
    return { sub, name, token: tokenFor({ sub, name, roles, charters }) };
  };
  return {
    lead: person('Lee Lead', ['LEAD']),
    keyContact: person('Kim Contact', ['KEY_CONTACT']),
    rep: person('Pat Parent', ['PARENT_REP']),
    forum: person('Fi Forum', ['FORUM']),
    board: person('Bo Board', ['BOARD']),
    otherCharterBoard: person('Oz Board', ['BOARD'], ['hounslow']),
    outsider: person('Ola Outsider', ['PARENT_REP']),
  };
}

export type Cast = ReturnType<typeof cast>;

/** What the tests' projects are about (their start requests share it). */
export const SHORT_BREAKS_REVIEW = {
  charterId: 'worcestershire',
  title: 'Short breaks review',
  purpose: 'Review the short breaks offer with families',
  confidentiality: 'PARTNERS',
  expectedOutcomes: ['A short breaks offer families helped design'],
  proposedLevel: 'CO_PRODUCTION',
  proposedReason: 'Families rely on short breaks every week',
} as const;

export const startInput = (people: Cast, overrides: Record<string, unknown> = {}) => ({
  ...SHORT_BREAKS_REVIEW,
  participants: [
    {
      displayName: people.rep.name,
      role: 'PARENT_REP',
      personId: people.rep.sub,
      email: 'pat.parent@example.org',
    },
    {
      displayName: people.keyContact.name,
      role: 'KEY_CONTACT',
      personId: people.keyContact.sub,
      email: 'kim@example.org',
    },
  ],
  ...overrides,
});
