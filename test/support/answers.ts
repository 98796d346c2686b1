// What the integration tests share about GraphQL answers: checks of one answer, and many
// steps sent at once.
import * as Q from './documents';
import type { GraphQLResponse, Stack } from './stack';

/** The field's data of an answer that must have no errors. */
export function ok<T = any>(res: GraphQLResponse, field: string): T {
  expect(res.errors).toBeUndefined();
  return res.data![field] as T;
}

/** Expects the step refused with `code` (and these extensions): no data, the error first. */
export function refused(res: GraphQLResponse, code: string, extensions: Record<string, unknown> = {}) {
  expect(res.data).toBeNull();
  expect(res.errors?.[0]?.extensions).toMatchObject({ code, ...extensions });
}

/** `count` counter-proposals on the project sent at once by `token` (as many people acting together). */
export function counterProposalsAtOnce(stack: Stack, projectId: string, token: string, count: number) {
  return Promise.all(
    Array.from({ length: count }, (_, i) =>
      stack.gql(
        Q.COUNTER_PROPOSE,
        { projectId, level: i % 2 ? 'PARTNERSHIP' : 'CONSULTATION', reason: `Reason ${i}` },
        token,
      ),
    ),
  );
}
