import { InvalidInputError } from './errors';
import { isDatabaseUnavailable, isPermanentFailure } from './failure-kinds';

const pgError = (code: string) => Object.assign(new Error('from PostgreSQL'), { code });

describe('isPermanentFailure', () => {
  it.each([
    ['invalid JSON text (22P02)', pgError('22P02')],
    ['a NUL in text (22021)', pgError('22021')],
    ['a check constraint (23514)', pgError('23514')],
    ['a value too large (54000)', pgError('54000')],
    ["TypeORM's wrapper around 22P02", { message: 'x', driverError: pgError('22P02') }],
    ['input the store refuses', new InvalidInputError('bad')],
  ])('%s is not retried', (_name, err) => expect(isPermanentFailure(err)).toBe(true));

  it.each([
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })],
    ['an administrator shutdown (57P01)', pgError('57P01')],
    ['a lost connection (08006)', pgError('08006')],
    ['a deadlock (40P01)', pgError('40P01')],
    ['an error with no code', new Error('timeout')],
  ])('%s is retried', (_name, err) => expect(isPermanentFailure(err)).toBe(false));
});

describe('isDatabaseUnavailable', () => {
  it.each([
    [
      'a refused connection',
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
    ],
    ['a broken connection', new Error('Connection terminated unexpectedly')],
    ['a pool that cannot connect', new Error('timeout exceeded when trying to connect')],
    ['an administrator shutdown (57P01)', pgError('57P01')],
    ['a starting server (57P03)', pgError('57P03')],
    ["TypeORM's wrapper around 08006", { message: 'x', driverError: pgError('08006') }],
  ])('%s: PostgreSQL is out of reach', (_name, err) => expect(isDatabaseUnavailable(err)).toBe(true));

  it.each([
    ['invalid JSON text (22P02)', pgError('22P02')],
    ['a unique key (23505)', pgError('23505')],
    ['a programming error', new TypeError('x is undefined')],
  ])('%s: not an outage', (_name, err) => expect(isDatabaseUnavailable(err)).toBe(false));
});
