// The product's people table for tests: the example people the local OpenID provider
// knows (scripts/lib/example-people.mjs), added as `npm start` adds them.
import { createDataSource } from '../../libs/event-store/src';
import { addPeople, type PersonToAdd } from '../../apps/gateway/src/identity/people-cli';
import { PeopleStore } from '../../apps/gateway/src/identity/people.store';
import { requiredEnv } from './env';

export const EXAMPLE = {
  lead: { login: 'lena', name: 'Lena Lead', email: 'lena.lead@example.org' },
  keyContact: { login: 'kofi', name: 'Kofi Contact', email: 'kofi.contact@example.org' },
  board: { login: 'bea', name: 'Bea Board', email: 'bea.board@example.org' },
  forum: { login: 'fran', name: 'Fran Forum', email: 'fran.forum@example.org' },
  admin: { login: 'ada', name: 'Ada Admin', email: 'ada.admin@example.org' },
} as const;

const EXAMPLE_MEMBERSHIPS: PersonToAdd[] = [
  {
    ...EXAMPLE.lead,
    memberships: [
      ['worcestershire', 'LEAD'],
      ['hounslow', 'LEAD'],
    ],
  },
  { ...EXAMPLE.keyContact, memberships: [['worcestershire', 'KEY_CONTACT']] },
  { ...EXAMPLE.board, memberships: [['worcestershire', 'BOARD']] },
  { ...EXAMPLE.forum, memberships: [['worcestershire', 'FORUM']] },
  { ...EXAMPLE.admin, memberships: [['worcestershire', 'ADMIN']] },
];

/** `use` with the people table of the suite's database, or of the database at `url`. */
export async function withPeople<T>(
  use: (people: PeopleStore) => Promise<T>,
  url = requiredEnv('DATABASE_URL'),
): Promise<T> {
  const dataSource = await createDataSource(url, { poolSize: 1 }).initialize();
  try {
    return await use(new PeopleStore(dataSource));
  } finally {
    await dataSource.destroy();
  }
}

export const addExamplePeople = (url?: string) =>
  withPeople((people) => addPeople(people, EXAMPLE_MEMBERSHIPS), url);
