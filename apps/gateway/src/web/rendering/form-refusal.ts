// A refused step as a form shows it: the DomainError the domain threw, in the GOV.UK error
// summary, linked to the field at fault. Anything that is not a refusal (an outage, a bug)
// is not a form error and is thrown on.
import { DomainError } from '../../../../../libs/domain/src/errors';
import { findCharter } from '../../../../../libs/domain/src/charters';

export interface PageError {
  /** The id of the form field at fault (the summary links to it). */
  field?: string;
  text: string;
}

export interface FormRefusal {
  errors: PageError[];
  /** The charter rule a MONITORED override reason could set aside (the form then offers the field). */
  overridableRule: string | null;
}

/**
 * The refusal `err` as page errors. `fields` maps the domain's field names (e.g.
 * "input.startsAt"), or the id of a charter rule that asks for a field (e.g.
 * "ladder.reasonRequired"), to the form's field ids; an unmapped one still shows, unlinked.
 * `charterId` is the project's charter: whether its rule is MONITORED decides the override.
 */
export function formRefusalOf(
  err: unknown,
  options: { fields?: Record<string, string>; charterId?: string } = {},
): FormRefusal {
  if (!(err instanceof DomainError) || err.code === 'UNAVAILABLE') throw err;
  const at = err.details.field ?? err.details.rule;
  const field = at ? options.fields?.[at] : undefined;
  const rule = err.details.rule
    ? findCharter(options.charterId ?? '')?.rules.find((r) => r.id === err.details.rule)
    : undefined;
  return {
    errors: [{ field, text: err.message }],
    overridableRule: rule?.mode === 'MONITORED' ? rule.id : null,
  };
}

/** The errors by the field they name, for each field's own error message. */
export const fieldErrorsOf = (errors: PageError[] = []): Record<string, string> =>
  Object.fromEntries(errors.filter((e) => e.field).map((e) => [e.field, e.text]));
