// `project(id)` read throughput through the gateway, against a bare trivial query on the same
// GraphQL server: `{ __typename }` (HTTP, parse, validate, the query limits; no resolver, no
// token) and `charter(id)` with a token (adds the auth guard and a resolver, no database).
import { PROJECT_FIELDS } from '../../test/support/documents';
import { gql, type BenchContext } from '../context';
import { measurePair, type Row } from '../measure';
import { briefingProject } from './steps';

const SECTION = 'Reads through the gateway (GraphQL over HTTP, fetch)';

// The fields a project page shows, as the integration tests ask for them.
const PROJECT = `query($id: ID!) { project(id: $id) { ${PROJECT_FIELDS} } }`;
// The same read with the fewest fields (the read and the access check, almost no view), and
// the full fields but no participant's email (no contacts read): where project(id)'s time goes.
const PROJECT_VERSION = `query($id: ID!) { project(id: $id) { id version } }`;
const PROJECT_NO_EMAIL = `query($id: ID!) { project(id: $id) { ${PROJECT_FIELDS.replace(/ email\b/, '')} } }`;
const TYPENAME = `{ __typename }`;
const CHARTER = `{ charter(id: "worcestershire") { id name } }`;

export async function readCases(ctx: BenchContext): Promise<Row[]> {
  const budget = ctx.quick ? { maxMs: 2_000, maxOps: 5_000 } : { maxMs: 8_000, maxOps: 100_000 };
  const { id } = await briefingProject(ctx, 'Bench reads');
  const token = ctx.people.lead.token;
  const project = () => gql(ctx.graphqlUrl, PROJECT, { id }, token);
  // With the token: every request needs one now, so the baseline checks it too.
  const typename = () => gql(ctx.graphqlUrl, TYPENAME, {}, token);
  const charter = () => gql(ctx.graphqlUrl, CHARTER, {}, token);
  const projectVersion = () => gql(ctx.graphqlUrl, PROJECT_VERSION, { id }, token);
  const projectNoEmail = () => gql(ctx.graphqlUrl, PROJECT_NO_EMAIL, { id }, token);

  const rows: Row[] = [];
  const pair = async (name: string, conc: number, op: () => Promise<unknown>) =>
    rows.push({
      section: SECTION,
      ...(await measurePair(
        { name, conc, warmup: 20, ...budget, op },
        { name: '{ __typename }', conc, warmup: 20, ...budget, op: typename },
      )),
    });
  for (const conc of [1, 16]) await pair('project(id), full project fields', conc, project);
  await pair('project(id) { id version }: the read and access check only', 16, projectVersion);
  await pair('project(id), full project fields but no email (no contacts read)', 16, projectNoEmail);
  await pair('charter(id) with a token (no database)', 16, charter);
  return rows;
}
