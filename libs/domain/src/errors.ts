// Refusals, with the contract's error codes. Messages are plain English and say what to do.
import { isOneOf } from './vocabulary';

export const ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  'INVALID_PHASE',
  'CHARTER_RULE',
  'CONFLICT',
  // A part of the service (the database, the workflow server) is down for now: try again shortly.
  'UNAVAILABLE',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const isErrorCode = isOneOf(ERROR_CODES);

export interface DomainErrorDetails {
  /** The input field at fault, for BAD_USER_INPUT. */
  field?: string;
  /** The charter rule id, for CHARTER_RULE. */
  rule?: string;
  /** When trying again should work, for UNAVAILABLE. */
  retryAfterSeconds?: number;
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: DomainErrorDetails = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const badInput = (field: string, message: string) =>
  new DomainError('BAD_USER_INPUT', message, { field });
export const forbidden = (message: string) => new DomainError('FORBIDDEN', message);
export const invalidPhase = (message: string) => new DomainError('INVALID_PHASE', message);
export const charterRule = (rule: string, message: string) =>
  new DomainError('CHARTER_RULE', message, { rule });
export const conflict = (message: string) => new DomainError('CONFLICT', message);
export const notFound = (what = 'project') =>
  new DomainError('NOT_FOUND', `No ${what} with that id exists, or you are not allowed to see it.`);
