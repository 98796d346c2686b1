// A refused step as a form shows it: the domain's message, linked to the form's field (named
// by the domain's field, or by the charter rule that asks for it); other failures are thrown on.
import { badInput, charterRule, DomainError } from '../../../../../libs/domain/src/errors';
import { formRefusalOf } from './form-refusal';

test('a field the domain names links to the form field it maps to; an unmapped one shows unlinked', () => {
  const err = badInput('input.replyTo', 'That is not an email address.');
  expect(formRefusalOf(err, { fields: { 'input.replyTo': 'replyTo' } }).errors).toEqual([
    { field: 'replyTo', text: 'That is not an email address.' },
  ]);
  expect(formRefusalOf(err).errors).toEqual([{ field: undefined, text: 'That is not an email address.' }]);
});

test('a charter rule that asks for a field links to it; only a MONITORED rule can be overridden', () => {
  const reason = charterRule('ladder.reasonRequired', 'Please say why this level was chosen.');
  expect(
    formRefusalOf(reason, { fields: { 'ladder.reasonRequired': 'reason' }, charterId: 'worcestershire' }),
  ).toEqual({
    errors: [{ field: 'reason', text: 'Please say why this level was chosen.' }],
    overridableRule: null,
  });
  const schoolRun = charterRule('meeting.avoidSchoolRun', 'The meeting overlaps the school run.');
  expect(formRefusalOf(schoolRun, { charterId: 'worcestershire' }).overridableRule).toBe(
    'meeting.avoidSchoolRun',
  );
});

test('an outage or a bug is not a form error', () => {
  expect(() => formRefusalOf(new DomainError('UNAVAILABLE', 'Down for now'))).toThrow('Down for now');
  expect(() => formRefusalOf(new Error('bug'))).toThrow('bug');
});
