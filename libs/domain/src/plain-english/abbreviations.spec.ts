import { spellsOut, unexplainedAbbreviations } from './abbreviations';

describe('unexplainedAbbreviations', () => {
  it.each([
    ['no abbreviations', 'Meetings will be arranged to avoid school pick up times.', []],
    ['one, never explained', 'Your SEND team will call you.', ['SEND']],
    [
      'explained afterwards in brackets',
      'SEND (special educational needs and disabilities) support is for every child who needs it.',
      [],
    ],
    [
      'explained first, abbreviation in brackets',
      'Special educational needs and disabilities (SEND) support is for every child. SEND is everyone’s business.',
      [],
    ],
    [
      'explained only after its first use does not count (expand on first use)',
      'The SEND offer is changing. Read about special educational needs and disabilities (SEND) below.',
      ['SEND'],
    ],
    [
      'explained in brackets after its first use does not count either',
      'Your EHCP is due. An EHCP (education, health and care plan) sets out support.',
      ['EHCP'],
    ],
    ['three in a row in a sentence', 'Ask the SEND CYP EHCP leads.', ['SEND', 'CYP', 'EHCP']],
    ['brackets that do not spell it out', 'The EHCP (see page 2) is due.', ['EHCP']],
    ['brackets in lower case that do not spell it out', 'The SIB (it meets monthly) will decide.', ['SIB']],
    ['ordinary words in capitals for emphasis', 'This is NOT OK. Do NOT send it. Please do it NOW.', []],
    ['Roman numerals', 'See Part II and Section IV of the plan, and Annex XIV.', []],
    ['abbreviations with an ampersand', 'Go to A&E, or come to the Q&A session.', ['A&E', 'Q&A']],
    [
      'abbreviations with an ampersand, explained',
      'Go to accident and emergency (A&E). There is a Q&A (questions and answers) after the talk.',
      [],
    ],
    [
      'a heading in capitals holding an abbreviation is skipped, the sentence after is not',
      'SEND CYP EHCP GUIDE\nThe EHCP is your plan.',
      ['EHCP'],
    ],
    ['several, in order of first use, once each', 'The CYP team, the SIB and the CYP forum.', ['CYP', 'SIB']],
    [
      'some explained, some not',
      'An education, health and care plan (EHCP) is reviewed by the SIB every year. Ask the CYP team.',
      ['SIB', 'CYP'],
    ],
    ['a plural is the same abbreviation', 'Most EHCPs are reviewed yearly; your EHCP too.', ['EHCP']],
    [
      'a plural explained counts for the singular',
      'Education, health and care plans (EHCPs) matter. Is your EHCP done?',
      [],
    ],
    ['a possessive', "The SIB's report is out.", ['SIB']],
    ['capital plural read as plural when the singular is used', 'EHCPS and one EHCP.', ['EHCP']],
    ['single capitals are not abbreviations', 'I think A and B are fine.', []],
    ['punctuation around it', 'Ask (politely) about SEND, CYP; or "EHCP".', ['SEND', 'CYP', 'EHCP']],
    ['hyphenated words', 'This is SEND-related work.', ['SEND']],
    ['digits after the letters', 'COVID19 changed how we met.', ['COVID19']],
    ['a time like 10AM is not an abbreviation', 'We meet at 10AM.', []],
    ['mixed case is not counted', 'Contact FiP or WarrPAC.', []],
    [
      'a heading in capitals is not a list of abbreviations',
      'WOKINGHAM BOROUGH COUNCIL\nWe work with parents.',
      [],
    ],
    ['brackets that are not an explanation', 'The SEND (2024) report.', ['SEND']],
    ['brackets holding only another abbreviation', 'The SEND (CYP) report.', ['SEND', 'CYP']],
    ['words before the brackets that do not spell it out', 'Please call us (SEND) today.', ['SEND']],
    [
      'explained with an abbreviation inside the explanation',
      'Special educational needs and disabilities (SEND) matter. SEND Information, Advice and Support Service (SENDIASS) helps.',
      [],
    ],
    [
      'an abbreviation first used inside another one’s expansion, explained only later',
      'SEND Information, Advice and Support Service (SENDIASS) helps. SEND (special educational needs and disabilities).',
      ['SEND'],
    ],
    [
      'an explanation that uses another, unexplained abbreviation',
      'The SEND Improvement Board (SIB) meets monthly.',
      ['SEND'],
    ],
    ['an explanation in capitals', 'SEND (SPECIAL EDUCATIONAL NEEDS AND DISABILITIES) support.', []],
    ['quotes inside the brackets', 'Children and young people ("CYP") come first.', []],
    ['an empty text', '', []],
  ])('%s', (_label, text, expected) => {
    expect(unexplainedAbbreviations(text)).toEqual(expected);
  });

  it('finds what a seed charter leaves unexplained', () => {
    const text =
      'Review as part of Quality Assurance (QA) of EHCPS and Annual Reviews (ARs). Include the Charter in Terms of Reference (TOR) for all SEND workstreams.';
    expect(unexplainedAbbreviations(text)).toEqual(['EHCPS', 'SEND']);
  });
});

describe('spellsOut', () => {
  it.each([
    ['SEND', 'special educational needs and disabilities', true],
    ['EHCP', 'education, health and care plan', true],
    ['CYP', 'children and young people', true],
    ['TOR', 'Terms of Reference', true],
    ['SENDIASS', 'SEND Information, Advice and Support Service', true],
    ['SIB', 'school improvement', false],
    ['SEND', 'please call us', false],
  ])('%s from "%s": %s', (abbreviation, words, expected) => {
    expect(spellsOut(abbreviation, words.split(/[^A-Za-z]+/).filter(Boolean))).toBe(expected);
  });
});
