// Every GraphQL error leaves with extensions.code from the contract and a plain message:
// parse, validation, depth and cost errors become BAD_USER_INPUT; anything unexpected is
// logged and answered without a stack trace or SQL.
import { GraphQLError, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { isErrorCode } from '../../../../libs/domain/src/errors';
import type { RequestContext } from '../auth/request-context';
import { contractErrorFor } from './failure-mapping';
import { explainRequestError } from './request-errors';

function codeOf(error: GraphQLError): string | undefined {
  const own = error.extensions?.code;
  if (isErrorCode(own)) return own;
  const original = error.originalError as (Error & { extensions?: Record<string, unknown> }) | undefined;
  const inner = original instanceof GraphQLError ? original.extensions?.code : original?.extensions?.code;
  return isErrorCode(inner) ? inner : undefined;
}

export function formatError(
  error: GraphQLError,
  log: (err: unknown) => void = console.error,
  schema?: GraphQLSchema,
): GraphQLError {
  const code = codeOf(error);
  if (code) {
    const source = error.originalError instanceof GraphQLError ? error.originalError : error;
    const extensions = { ...source.extensions, code };
    return new GraphQLError(source.message, { path: error.path, extensions });
  }
  const known = contractErrorFor(error.originalError);
  if (known) return new GraphQLError(known.message, { path: error.path, extensions: known.extensions });
  // No path: the request itself was malformed (syntax, unknown field, wrong type, limits).
  if (!error.path) {
    const { message, field } = explainRequestError(error, schema);
    return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', field } });
  }
  log(error.originalError ?? error);
  return new GraphQLError(
    'Something went wrong on our side. Please try again; if it keeps happening, tell the team.',
    {
      path: error.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    },
  );
}

/** Mercurius wraps a request's validation errors in one "Graphql validation error": unwrap them. */
function unwrapped(error: GraphQLError): GraphQLError[] {
  const inner = (error.originalError as { errors?: unknown } | undefined)?.errors;
  if (!Array.isArray(inner)) return [error];
  return inner.map((e) =>
    e instanceof GraphQLError ? e : new GraphQLError(String((e as Error)?.message ?? e)),
  );
}

/** A refusal with what the caller should know about their token added to its message. */
const withNotice = (error: GraphQLError, notice: string) =>
  new GraphQLError(`${error.message} ${notice}`, { path: error.path, extensions: error.extensions });

/** Mercurius's error formatter: always GraphQL JSON, HTTP 200 (GraphQL over HTTP, application/json). */
export function mercuriusErrorFormatter(execution: ExecutionResult, context?: unknown) {
  const schema = (context as { app?: { graphql?: { schema?: GraphQLSchema } } } | undefined)?.app?.graphql
    ?.schema;
  const notice = (context as Partial<RequestContext> | undefined)?.tokenNotice;
  const errors = (execution.errors ?? [])
    .flatMap(unwrapped)
    .map((e) => formatError(e, console.error, schema))
    .map((e) => (notice && e.extensions.code === 'FORBIDDEN' ? withNotice(e, notice) : e));
  return { statusCode: 200, response: { data: execution.data ?? null, errors } };
}
