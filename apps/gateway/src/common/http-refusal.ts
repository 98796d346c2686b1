// Refusals on the gateway's plain HTTP routes (the board report download, the codec
// endpoint): JSON shaped like GraphQL's errors, with the HTTP status of the code, and no
// detail of what went wrong on our side.
import type { Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DomainError, type ErrorCode } from '../../../../libs/domain/src/errors';

const STATUS: Partial<Record<ErrorCode, number>> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  BAD_USER_INPUT: 400,
};

/** Sends `err` as the route's refusal; anything that is not a DomainError is logged and answered 500. */
export async function sendRefusal(
  reply: FastifyReply,
  err: unknown,
  route: {
    realm: string;
    logger: Logger;
    /** What the caller should know about their token (a charter this service does not know). */
    notice?: string | null;
  },
): Promise<void> {
  let code: string = 'INTERNAL_SERVER_ERROR';
  let message = 'Something went wrong on our side. Please try again; if it keeps happening, tell the team.';
  let status = 500;
  const extensions: Record<string, string> = {};
  if (err instanceof DomainError && STATUS[err.code]) {
    code = err.code;
    message = err.code === 'FORBIDDEN' && route.notice ? `${err.message} ${route.notice}` : err.message;
    status = STATUS[err.code]!;
    if (err.details.field) extensions.field = err.details.field;
  } else {
    route.logger.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  }
  if (status === 401) reply.header('www-authenticate', `Bearer realm="${route.realm}"`);
  await reply
    .status(status)
    .header('content-type', 'application/json; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(JSON.stringify({ errors: [{ message, extensions: { code, ...extensions } }] }));
}
