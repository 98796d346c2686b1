import { InvalidInputError } from './errors';
import { isPermanentFailure } from './permanent-failure';

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
