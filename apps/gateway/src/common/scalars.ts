// The contract's scalars: DateTime (instant, written as toISOString() writes it), Date
// (a Europe/London calendar day, YYYY-MM-DD, never converted through an instant) and JSON.
import { GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { isValidIsoDate } from '../../../../libs/domain/src/calendar';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

// A TypeError (not a GraphQLError) so that graphql names the type and request-errors.ts can
// say which field must be what.
const badValue = (message: string) => new TypeError(message);

function parseInstant(value: unknown): Date {
  if (typeof value !== 'string' || !ISO_INSTANT.test(value))
    throw badValue(
      `"${String(value)}" is not a date and time: use ISO 8601 with a time zone, e.g. 2027-03-04T10:00:00Z.`,
    );
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw badValue(`"${value}" is not a real date and time.`);
  return date;
}

export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description:
    'ISO-8601 instant with offset, e.g. 2027-03-04T10:00:00Z; returned as 2027-03-04T10:00:00.000Z',
  serialize: (value) => (value instanceof Date ? value : parseInstant(value)).toISOString(),
  parseValue: parseInstant,
  parseLiteral: (ast) => parseInstant(ast.kind === Kind.STRING ? ast.value : undefined),
});

function parseDay(value: unknown): string {
  if (typeof value !== 'string' || !isValidIsoDate(value))
    throw badValue(`"${String(value)}" is not a calendar day: use YYYY-MM-DD, e.g. 2027-03-04.`);
  return value;
}

export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'YYYY-MM-DD, a calendar day in Europe/London',
  serialize: parseDay,
  parseValue: parseDay,
  parseLiteral: (ast) => parseDay(ast.kind === Kind.STRING ? ast.value : undefined),
});

function literalToJson(ast: ValueNode): unknown {
  switch (ast.kind) {
    case Kind.STRING:
    case Kind.BOOLEAN:
      return ast.value;
    case Kind.INT:
      return parseInt(ast.value, 10);
    case Kind.FLOAT:
      return parseFloat(ast.value);
    case Kind.NULL:
      return null;
    case Kind.LIST:
      return ast.values.map(literalToJson);
    case Kind.OBJECT:
      return Object.fromEntries(ast.fields.map((f) => [f.name.value, literalToJson(f.value)]));
    default:
      throw badValue('Variables are not supported inside JSON literals.');
  }
}

export const JSONScalar = new GraphQLScalarType<unknown, unknown>({
  name: 'JSON',
  description: 'Any JSON value',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: literalToJson,
});
