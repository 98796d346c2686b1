// What the lead's forms share: a refused step as the form's errors (linked to the field the
// domain or the charter rule names), and the plain "You cannot do this" page for a person
// the domain does not let take the step.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../../../../libs/domain/src/errors';
import type { SignedIn } from '../../identity/signed-in.service';
import { formRefusalOf, type FormRefusal } from '../rendering/form-refusal';
import type { PageRenderer } from '../rendering/page-renderer';
import { sendProblemPage } from '../rendering/problem-page';
import type { WebContextService } from '../session/web-context.service';

export interface FieldMap {
  /** Form field ids named like the domain's fields. */
  ids: string[];
  /** Domain field names that differ from the form's field ids. */
  fields?: Record<string, string>;
  /** The field a refusal by each charter rule points at. */
  rules?: Record<string, string>;
}

/** True for a refusal that is about who asks, not what they sent: a page of its own, not form errors. */
export const isWhoRefusal = (err: unknown): err is DomainError =>
  err instanceof DomainError &&
  (err.code === 'FORBIDDEN' || (err.code === 'NOT_FOUND' && !err.details.field));

/** The refusal as the form's errors: in the summary and, by field id, beside the field. */
export function formErrorsOf(err: unknown, map: FieldMap, charterId?: string) {
  const fields: Record<string, string> = Object.fromEntries(map.ids.map((id) => [id, id]));
  Object.assign(fields, map.fields ?? {});
  // A field the domain names "input.x" (a step's input) is the form's "x" too.
  for (const [name, id] of Object.entries(fields)) fields[`input.${name}`] = id;
  const refusal: FormRefusal = formRefusalOf(err, { fields, charterId });
  const rule = err instanceof DomainError ? err.details.rule : undefined;
  const errors = refusal.errors.map((e) => ({
    ...e,
    field: e.field ?? (rule ? map.rules?.[rule] : undefined),
  }));
  const fieldErrors = Object.fromEntries(errors.filter((e) => e.field).map((e) => [e.field, e.text]));
  return { errors, fieldErrors, overridable: refusal.overridableRule !== null };
}

/** "You cannot do this" (403) or "Page not found" (404), with the domain's own words. */
export function cannotDoThis(
  pages: PageRenderer,
  web: WebContextService,
  request: FastifyRequest,
  reply: FastifyReply,
  who: SignedIn,
  err: DomainError,
) {
  const notFound = err.code === 'NOT_FOUND';
  return sendProblemPage(
    reply,
    pages,
    {
      ...web.frame(request, reply, who),
      title: notFound ? 'Page not found' : 'You cannot do this',
      lines: notFound
        ? ['There is no project here, or you are not allowed to see it.']
        : [err.message, 'Nothing was changed.'],
      link: { href: '/projects', text: 'Go to your projects' },
    },
    notFound ? 404 : 403,
  );
}
