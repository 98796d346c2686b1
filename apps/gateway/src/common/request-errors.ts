// graphql-js words its parse and validation errors for people who write GraphQL servers
// ("Variable "$input" got invalid value … at "input.startsAt"; Expected type "DateTime"").
// This turns each into what a person sending the request can act on: which field, what is
// wrong, and what to send instead, e.g. "`startsAt` must be a date and time with a time
// zone, e.g. 2027-03-04T10:00:00Z". Anything it does not recognise keeps graphql's words.
import {
  isEnumType,
  isInputObjectType,
  isNonNullType,
  parse,
  visit,
  type GraphQLError,
  type GraphQLSchema,
} from 'graphql';

export interface RequestProblem {
  message: string;
  /** The input field, argument or variable at fault; `query` for the request as a whole. */
  field: string;
}

const SCALAR_WORDS: Record<string, string> = {
  String: 'text',
  ID: 'an id, as text',
  Int: 'a whole number, e.g. 60',
  Float: 'a number, e.g. 1.5',
  Boolean: 'true or false',
  DateTime: 'a date and time with a time zone, e.g. 2027-03-04T10:00:00Z',
  Date: 'a calendar day written YYYY-MM-DD, e.g. 2027-03-04',
  JSON: 'a JSON value',
};

const listWords = (items: string[]) =>
  items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
const andWords = (items: string[]) =>
  items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;

/** What a value of a GraphQL type looks like, in words ("[String!]!" -> "a list of text"). */
export function typeWords(typeName: string, schema?: GraphQLSchema): string {
  const bare = typeName.replace(/!$/, '');
  const list = /^\[(.*)\]$/.exec(bare);
  if (list) return `a list, each item ${typeWords(list[1], schema)}`;
  if (SCALAR_WORDS[bare]) return SCALAR_WORDS[bare];
  const type = schema?.getType(bare);
  if (type && isEnumType(type)) return `one of ${listWords(type.getValues().map((v) => v.name))}`;
  if (type && isInputObjectType(type)) {
    const required = Object.values(type.getFields())
      .filter((f) => isNonNullType(f.type) && f.defaultValue === undefined)
      .map((f) => f.name);
    return required.length ? `an object with ${andWords(required)}` : 'an object';
  }
  return `a value of type ${bare}`;
}

/** "input.participants[0].role" less the variable's own name: "participants[0].role". */
function fieldOfPath(variable: string, path: string | undefined, then?: string): string {
  let field = path ? path.replace(new RegExp(`^${variable}\\.?`), '') : '';
  if (then) field = field ? `${field}.${then}` : then;
  return field || variable;
}

/** The type a scalar or enum error is about, from graphql's own words after the ";". */
function typeInDetail(detail: string): string | null {
  return (
    /Expected type "([^"]+)"/.exec(detail)?.[1] ??
    /does not exist in "([^"]+)" enum/.exec(detail)?.[1] ??
    /^Enum "([^"]+)" cannot represent/.exec(detail)?.[1] ??
    /^(\w+) cannot represent/.exec(detail)?.[1] ??
    null
  );
}

/** The argument or input field whose literal value starts at `position` in the query. */
function literalNameAt(body: string, position: number): string | null {
  let found: string | null = null;
  try {
    const names: string[] = [];
    visit(parse(body), {
      enter(node) {
        if (node.kind === 'Argument' || node.kind === 'ObjectField') {
          names.push(node.name.value);
          if (node.value.loc?.start === position) found = names.slice(1).join('.') || names[0];
        }
      },
      leave(node) {
        if (node.kind === 'Argument' || node.kind === 'ObjectField') names.pop();
      },
    });
  } catch {
    return null;
  }
  return found;
}

const mustBe = (field: string, type: string | null, schema: GraphQLSchema | undefined, sent?: string) => {
  const what = type ? typeWords(type, schema) : null;
  const you = sent !== undefined ? ` (you sent ${sent})` : '';
  return what ? `\`${field}\` must be ${what}${you}.` : `\`${field}\` has a value that does not fit${you}.`;
};

const missing = (field: string, type: string, schema: GraphQLSchema | undefined) =>
  `\`${field}\` is missing: send ${typeWords(type, schema)}.`;

/** A parse or validation error, in words a person can act on, with the field at fault. */
export function explainRequestError(error: GraphQLError, schema?: GraphQLSchema): RequestProblem {
  const text = error.message;
  let m: RegExpExecArray | null;

  if ((m = /^Syntax Error: (Query depth limit|Aliases limit|Query Cost limit)/i.exec(text)))
    return { field: 'query', message: text.replace(/^Syntax Error: /, '') };
  if ((m = /^Syntax Error: (.*)$/s.exec(text))) {
    const where = error.locations?.[0];
    const at = where ? ` at line ${where.line}, column ${where.column}` : '';
    const detail = m[1].replace(/<EOF>/g, 'the end of the query').replace(/\.$/, '');
    return {
      field: 'query',
      message: `The query could not be read${at}: ${detail}. Check for a missing bracket, brace or quote.`,
    };
  }
  if ((m = /^Variable "\$(\w+)" got invalid value (.*?)(?: at "([^"]+)")?; (.*)$/s.exec(text))) {
    const [, variable, sent, path, detail] = m;
    const notGiven = /^Field "(\w+)" of required type "([^"]+)" was not provided\./.exec(detail);
    if (notGiven)
      return {
        field: fieldOfPath(variable, path, notGiven[1]),
        message: missing(fieldOfPath(variable, path, notGiven[1]), notGiven[2], schema),
      };
    const unknown = /^Field "(\w+)" is not defined by type "(\w+)"\.(.*)$/s.exec(detail);
    if (unknown) {
      const field = fieldOfPath(variable, path, unknown[1]);
      return {
        field,
        message: `\`${field}\` is not something ${unknown[2]} takes: remove it.${unknown[3]}`.trim(),
      };
    }
    const field = fieldOfPath(variable, path);
    const type = typeInDetail(detail);
    if (!type) return { field, message: `\`${field}\`: ${detail}` };
    return { field, message: mustBe(field, type, schema, path ? sent : undefined) };
  }
  if (
    (m =
      /^Variable "\$(\w+)" of (?:required|non-null) type "([^"]+)" (?:was not provided|must not be null)\./.exec(
        text,
      ))
  )
    return { field: m[1], message: missing(m[1], m[2], schema) };
  if (
    (m = /^Field "(\w+)" argument "(\w+)" of type "([^"]+)" is required, but it was not provided\./.exec(
      text,
    ))
  )
    return { field: m[2], message: `\`${m[2]}\` is missing: ${m[1]} needs ${typeWords(m[3], schema)}.` };
  if ((m = /^Unknown argument "(\w+)" on field "\w+\.(\w+)"\.(.*)$/s.exec(text)))
    return { field: m[1], message: `${m[2]} takes no \`${m[1]}\`: remove it.${m[3]}`.trim() };
  if ((m = /^Cannot query field "(\w+)" on type "(\w+)"\.(.*)$/s.exec(text)))
    return {
      field: m[1],
      message: `There is no \`${m[1]}\` on ${m[2]}: ask only for fields the schema lists.${m[3]}`.trim(),
    };
  if ((m = /^Field "(\w+)" is not defined by type "(\w+)"\.(.*)$/s.exec(text)))
    return { field: m[1], message: `\`${m[1]}\` is not something ${m[2]} takes: remove it.${m[3]}`.trim() };
  // A literal value written in the query itself: find the argument or field it belongs to.
  const type =
    /^Expected value of type "([^"]+)", found/.exec(text)?.[1] ?? typeInDetail(text.split('; ').pop() ?? '');
  if (type) {
    const position = error.positions?.[0];
    const body = error.source?.body;
    const field = position !== undefined && body ? literalNameAt(body, position) : null;
    if (field) return { field, message: mustBe(field, type, schema) };
  }
  if ((m = /^Variable "\$(\w+)"/.exec(text))) return { field: m[1], message: text };
  return { field: 'query', message: text };
}
