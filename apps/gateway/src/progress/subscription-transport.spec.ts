import jwt from 'jsonwebtoken';
import { buildSchema, parse } from 'graphql';
import { authenticateConnection, formatErrorMessage, validateSubscription } from './subscription-transport';

const SECRET = 'unit-secret';
const claims = { sub: 'bo', name: 'Bo', roles: ['BOARD'], charters: ['worcestershire'] };

describe('subscription transport', () => {
  it('takes the actor from connectionParams.authorization', () => {
    const token = jwt.sign(claims, SECRET, { algorithm: 'HS256', expiresIn: 60 });
    const context = authenticateConnection({ authorization: `Bearer ${token}` }, SECRET);
    expect(context.actor).toMatchObject({ id: 'bo', roles: ['BOARD'], charters: ['worcestershire'] });
    expect(context.tokenExpiresAt).toBeGreaterThan(Date.now());
    expect(authenticateConnection({ Authorization: `Bearer ${token}` }, SECRET).actor?.id).toBe('bo');
  });

  it('has no actor without a valid token', () => {
    const other = jwt.sign(claims, 'other', { algorithm: 'HS256' });
    for (const payload of [
      undefined,
      null,
      'x',
      {},
      { authorization: 42 },
      { authorization: `Bearer ${other}` },
    ]) {
      expect(authenticateConnection(payload, SECRET)).toEqual({ actor: null, tokenExpiresAt: null });
    }
  });

  it('gives every error message the contract codes, as over HTTP', () => {
    const sent = (payload: unknown[]) => JSON.stringify({ type: 'error', id: '1', payload });
    const format = (text: string) => JSON.parse(formatErrorMessage(text, () => undefined));
    expect(
      format(sent([{ message: 'Syntax Error: Expected Name', locations: [{ line: 1, column: 3 }] }])),
    ).toEqual({
      type: 'error',
      id: '1',
      payload: [
        {
          message: 'The query could not be read: Expected Name. Check for a missing bracket, brace or quote.',
          extensions: { code: 'BAD_USER_INPUT', field: 'query' },
        },
      ],
    });
    const notFound = { message: 'No project', path: ['projectProgress'], extensions: { code: 'NOT_FOUND' } };
    expect(format(sent([{ ...notFound, locations: [{ line: 1, column: 16 }] }])).payload).toEqual([notFound]);
    expect(
      format(sent([{ message: 'relation "x" does not exist', path: ['projectProgress'] }])).payload,
    ).toEqual([
      {
        message: expect.stringMatching(/^Something went wrong on our side/),
        path: ['projectProgress'],
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      },
    ]);
    const next = JSON.stringify({ type: 'next', id: '1', payload: { data: { x: 1 } } });
    expect(formatErrorMessage(next)).toBe(next);
  });

  it('validates subscription documents like HTTP requests', () => {
    const schema = buildSchema('type Query { a: Int } type Subscription { s(id: ID!): Int }');
    expect(() => validateSubscription(schema, parse('subscription { s(id: "1") }'), [])).not.toThrow();
    expect(() => validateSubscription(schema, parse('subscription { s }'), [])).toThrow(
      expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT' } }),
    );
  });
});
