// Parse and validation errors, as a person sending the request reads them: the field named,
// what is wrong, and what to send. Checked against the committed schema, with the real scalars.
import {
  buildSchema,
  parse,
  validate,
  getVariableValues,
  type GraphQLError,
  type OperationDefinitionNode,
} from 'graphql';
import { readFileSync } from 'fs';
import { join } from 'path';
import { explainRequestError, type RequestProblem } from './request-errors';
import { DateScalar, DateTimeScalar } from './scalars';

const schema = buildSchema(readFileSync(join(__dirname, '../../schema.gql'), 'utf8'));
Object.assign(schema.getType('DateTime')!, DateTimeScalar.toConfig(), { name: 'DateTime' });
Object.assign(schema.getType('Date')!, DateScalar.toConfig(), { name: 'Date' });

function problems(query: string, variables: Record<string, unknown> = {}): RequestProblem[] {
  let errors: readonly GraphQLError[];
  try {
    const document = parse(query);
    errors = validate(schema, document);
    if (!errors.length) {
      const operation = document.definitions[0] as OperationDefinitionNode;
      errors = getVariableValues(schema, operation.variableDefinitions ?? [], variables).errors ?? [];
    }
  } catch (err) {
    errors = [err as GraphQLError];
  }
  return errors.map((e) => explainRequestError(e, schema));
}

const SCHEDULE = `mutation ($projectId: ID!, $input: ScheduleMeetingInput!) {
  scheduleMeeting(projectId: $projectId, input: $input) { id }
}`;
const meeting = {
  title: 'Workshop',
  startsAt: '2027-03-04T10:00:00Z',
  durationMinutes: 60,
  location: 'Hall',
};

describe('explainRequestError', () => {
  it('a variable of the wrong shape: the field, what it must be, what was sent', () => {
    expect(problems(SCHEDULE, { projectId: 'p', input: { ...meeting, startsAt: 'tomorrow' } })).toEqual([
      {
        field: 'startsAt',
        message:
          '`startsAt` must be a date and time with a time zone, e.g. 2027-03-04T10:00:00Z (you sent "tomorrow").',
      },
    ]);
    expect(problems(SCHEDULE, { projectId: 'p', input: { ...meeting, durationMinutes: '60' } })).toEqual([
      {
        field: 'durationMinutes',
        message: '`durationMinutes` must be a whole number, e.g. 60 (you sent "60").',
      },
    ]);
  });

  it('an enum value that does not exist lists the ones that do', () => {
    const [problem] = problems(
      `mutation ($input: StartProjectInput!) { startProject(input: $input) { id } }`,
      {
        input: {
          charterId: 'hounslow',
          title: 'T',
          purpose: 'P',
          confidentiality: 'PUBLIC',
          expectedOutcomes: [],
          proposedLevel: 'TOKENISM',
          proposedReason: 'R',
          participants: [],
        },
      },
    );
    expect(problem).toEqual({
      field: 'proposedLevel',
      message:
        '`proposedLevel` must be one of CONSULTATION, CO_PRODUCTION, INFORMATION_ONLY or PARTNERSHIP (you sent "TOKENISM").',
    });
  });

  it('a missing field, variable or argument says what to send', () => {
    expect(problems(SCHEDULE, { projectId: 'p', input: { ...meeting, title: undefined } })).toEqual([
      { field: 'title', message: '`title` is missing: send text.' },
    ]);
    expect(problems(SCHEDULE, { input: meeting })).toEqual([
      { field: 'projectId', message: '`projectId` is missing: send an id, as text.' },
    ]);
    expect(problems(`mutation { scheduleMeeting(projectId: "p") { id } }`)).toEqual([
      {
        field: 'input',
        message:
          '`input` is missing: scheduleMeeting needs an object with durationMinutes, location, startsAt and title.',
      },
    ]);
  });

  it('something the API does not take says to remove it', () => {
    expect(problems(SCHEDULE, { projectId: 'p', input: { ...meeting, room: 'B' } })).toEqual([
      { field: 'room', message: '`room` is not something ScheduleMeetingInput takes: remove it.' },
    ]);
    expect(problems('{ charters { nope } }')).toEqual([
      {
        field: 'nope',
        message: 'There is no `nope` on Charter: ask only for fields the schema lists. Did you mean "name"?',
      },
    ]);
  });

  it('a literal in the query is traced to its field', () => {
    const query = `mutation { scheduleMeeting(projectId: "p", input: { title: "T", startsAt: "soon", durationMinutes: 1.5, location: "L" }) { id } }`;
    expect(problems(query)).toEqual([
      {
        field: 'startsAt',
        message: '`startsAt` must be a date and time with a time zone, e.g. 2027-03-04T10:00:00Z.',
      },
      { field: 'durationMinutes', message: '`durationMinutes` must be a whole number, e.g. 60.' },
    ]);
    expect(
      problems('{ boardReport(charterId: "x", from: "2027-13-01", to: "2027-06-30") { projectsStarted } }'),
    ).toEqual([
      { field: 'from', message: '`from` must be a calendar day written YYYY-MM-DD, e.g. 2027-03-04.' },
    ]);
  });

  it('a query that cannot be read says where', () => {
    expect(problems('{ charters { id ')).toEqual([
      {
        field: 'query',
        message:
          'The query could not be read at line 1, column 17: Expected Name, found the end of the query. Check for a missing bracket, brace or quote.',
      },
    ]);
  });

  it('never says "Graphql validation error"', () => {
    for (const problem of [
      ...problems(SCHEDULE, { projectId: 'p', input: { title: 1 } }),
      ...problems('{ nope }'),
      ...problems('query ($x: Int) { charters { id } }'),
    ])
      expect(problem.message).not.toMatch(/Graphql validation error/i);
  });
});
