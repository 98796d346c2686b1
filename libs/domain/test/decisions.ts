// Helpers the domain's decision tests share.
import { DomainError } from '../src/errors';

/** The DomainError a step is refused with; fails the test if the step is accepted. */
export function refusal(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (err) {
    if (err instanceof DomainError) return err;
    throw err;
  }
  throw new Error('expected the step to be refused');
}

/** Freezes a state all the way down, so a decision that mutates it fails loudly. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    Object.values(value).forEach(deepFreeze);
  }
  return value;
}
