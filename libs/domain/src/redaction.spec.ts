import { redactFreeText } from './redaction';

describe('redactFreeText', () => {
  it('removes contact details at any depth and says what was removed, where and why', () => {
    const { value, redactions } = redactFreeText({
      type: 'publishClosingReport',
      input: {
        youSaidWeDid: [
          {
            youSaid: 'Call me on 07700 900123 or mail pat@example.org',
            weDid: 'Fixed it',
            feedbackIds: ['f1'],
          },
        ],
      },
    });
    expect(value.input.youSaidWeDid[0].youSaid).toBe(
      'Call me on [phone number removed] or mail [email removed]',
    );
    expect(redactions).toEqual([
      {
        field: 'input.youSaidWeDid[0].youSaid',
        removed: ['email address', 'phone number'],
        message: expect.stringMatching(
          /^The "You said" entry contained an email address and a phone number, so they were removed: .*participant's own details/,
        ),
      },
    ]);
  });

  it('leaves email fields (contact details given on purpose), ids and dates alone', () => {
    const input = {
      participants: [{ displayName: 'Pat', email: 'pat@example.org' }],
      closesAt: '2027-03-04T10:00:00.000Z',
      feedbackIds: ['0a1b2c3d-0000-4000-8000-000000000000.f1'],
    };
    expect(redactFreeText(input)).toEqual({ value: input, redactions: [] });
  });

  it('names one removed detail in the singular', () => {
    const { redactions } = redactFreeText({ summary: 'Ring 01905 765432' });
    expect(redactions[0].message).toMatch(
      /^The briefing summary contained a phone number, so it was removed: /,
    );
  });
});
