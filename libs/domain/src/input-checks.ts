// Input validation shared by every command: bounded sizes, no control characters, and
// contact details kept out of free text (they would otherwise end up in the audit trail).
import { badInput } from './errors';

export const LIMITS = {
  shortText: 200,
  reason: 2000,
  longText: 10000,
  listItems: 50,
  participants: 200,
} as const;

// NUL and other C0 control characters (except tab and newlines) cannot be stored or shown.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Why a text cannot be stored as it is, or null: a control character (tab, newline and
 * carriage return are fine), or half of a UTF-16 surrogate pair (JSON `"\ud800"`), which
 * PostgreSQL refuses in JSON and silently replaces in text.
 */
export function unstorableCharacters(text: string): string | null {
  if (CONTROL_CHARACTERS.test(text)) return 'invisible control characters';
  if (LONE_SURROGATE.test(text)) return 'a broken character (half of a Unicode surrogate pair)';
  return null;
}

/** The first string in `value` that cannot be stored: its field path and what is wrong. */
export function findUnstorableText(value: unknown, path: string): { field: string; problem: string } | null {
  if (typeof value === 'string') {
    const problem = unstorableCharacters(value);
    return problem ? { field: path, problem } : null;
  }
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = findUnstorableText(item, `${path}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  if (typeof value === 'object' && value !== null && !(value instanceof Date)) {
    for (const [key, item] of Object.entries(value)) {
      const found = findUnstorableText(key, path ? `${path}.${key}` : key);
      if (found) return found;
      const inner = findUnstorableText(item, path ? `${path}.${key}` : key);
      if (inner) return inner;
    }
  }
  return null;
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
// UK-style phone numbers: +44 or 0 followed by 9 or 10 more digits, spaces/dashes allowed.
const PHONE = /(?:\+44\s?\(?0?\)?|\b0)(?:[\s-]?\d){9,10}\b/g;

/** Replaces email addresses and phone numbers in free text, so none reaches an audit event. */
export function redactContactDetails(text: string): string {
  return text.replace(EMAIL, '[email removed]').replace(PHONE, '[phone number removed]');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Project ids are UUIDs (the uuid columns refuse anything else). */
export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);
/** The kinds of contact detail in a text, in the words a notice uses. */
export function contactDetailsIn(text: string): ('email address' | 'phone number')[] {
  const kinds: ('email address' | 'phone number')[] = [];
  if (new RegExp(EMAIL.source).test(text)) kinds.push('email address');
  if (new RegExp(PHONE.source).test(text.replace(EMAIL, ''))) kinds.push('phone number');
  return kinds;
}

export function isEmail(value: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/.test(value) && value.length <= 254;
}

interface TextRules {
  max: number;
  /** Blank text (empty or spaces only) is refused. */
  required?: boolean;
  label: string;
}

/** Checks one text input and returns it trimmed, with contact details removed. */
export function checkText(field: string, value: string, rules: TextRules): string {
  if (typeof value !== 'string') throw badInput(field, `${rules.label} must be text.`);
  const text = value.trim();
  if (rules.required && text.length === 0)
    throw badInput(field, `${rules.label} is required: please fill it in.`);
  if (text.length > rules.max)
    throw badInput(field, `${rules.label} is too long: please keep it to ${rules.max} characters or fewer.`);
  if (CONTROL_CHARACTERS.test(text))
    throw badInput(field, `${rules.label} contains invisible control characters: please remove them.`);
  return redactContactDetails(text);
}

export function checkOptionalText(field: string, value: string | null | undefined, rules: TextRules) {
  if (value === null || value === undefined) return null;
  const text = checkText(field, value, rules);
  return text.length ? text : null;
}

export function checkList(
  field: string,
  values: readonly string[],
  max: number,
  label: string,
  itemMax: number,
) {
  if (!Array.isArray(values)) throw badInput(field, `${label} must be a list.`);
  if (values.length > max) throw badInput(field, `${label} has too many entries: at most ${max}, please.`);
  return values.map((v, i) => checkText(`${field}[${i}]`, v, { max: itemMax, required: true, label }));
}

export function checkOneOf<T extends string>(
  field: string,
  value: string,
  allowed: readonly T[],
  label: string,
): T {
  if (!allowed.includes(value as T))
    throw badInput(field, `${label} must be one of ${allowed.join(', ')}; "${value}" is not.`);
  return value as T;
}
