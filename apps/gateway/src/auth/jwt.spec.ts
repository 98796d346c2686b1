// Checked tokens are kept until they expire: the same answer as checking again, never past
// `exp`, never for another secret, and each request gets its own copy of the actor.
import jwt from 'jsonwebtoken';
import { actorFromAuthorization } from './jwt';

const SECRET = 'a-secret-for-this-spec';
const now = () => Math.floor(Date.now() / 1000);
const token = (claims: Record<string, unknown>, secret = SECRET) =>
  `Bearer ${jwt.sign({ sub: 'p-1', name: 'Pat', roles: ['LEAD'], charters: ['worcestershire'], ...claims }, secret)}`;

afterEach(() => jest.useRealTimers());

it('answers a token checked before as it did the first time', () => {
  const header = token({ exp: now() + 600 });
  const first = actorFromAuthorization(header, SECRET);
  const again = actorFromAuthorization(header, SECRET);
  expect(first).toMatchObject({ actor: { id: 'p-1', displayName: 'Pat', roles: ['LEAD'] }, notice: null });
  expect(again).toEqual(first);
});

it('refuses a kept token once it has expired', () => {
  jest.useFakeTimers({ now: Date.now() });
  const header = token({ exp: now() + 60 });
  expect(actorFromAuthorization(header, SECRET)).toHaveProperty('actor');
  jest.setSystemTime(Date.now() + 61_000);
  expect(actorFromAuthorization(header, SECRET)).toMatchObject({
    problem: expect.stringMatching(/^Your token expired at/),
  });
});

it('does not answer for another secret from what it kept', () => {
  const header = token({ exp: now() + 600 });
  expect(actorFromAuthorization(header, SECRET)).toHaveProperty('actor');
  expect(actorFromAuthorization(header, 'another-secret')).toHaveProperty('problem');
});

it('gives each request its own actor', () => {
  const header = token({ exp: now() + 600 });
  const first = actorFromAuthorization(header, SECRET) as { actor: { roles: string[] } };
  first.actor.roles.push('BOARD');
  expect(actorFromAuthorization(header, SECRET)).toMatchObject({ actor: { roles: ['LEAD'] } });
});
