import { findCharter } from '../charters';
import { charterInWords, firstWords, listInWords } from './words';

describe('words for people', () => {
  it('names a charter without "The" before a possessive name', () => {
    expect(charterInWords(findCharter('worcestershire')!)).toBe(
      "Worcestershire's Special Educational Needs and Disabilities (SEND) Charter",
    );
    expect(charterInWords(findCharter('hounslow')!, false)).toMatch(/^the Hounslow /);
  });

  it('names a text by its first words, and confidential text not at all', () => {
    expect(firstWords('More notice of meetings, please, and papers in plain English')).toBe(
      'More notice of meetings, please, and…',
    );
    expect(firstWords('Short')).toBe('Short');
    expect(firstWords(`sha256:${'a'.repeat(64)}`)).toBeNull();
    expect(firstWords(firstWords('one two three four five six seven')!)).toBe('one two three four five six…');
  });

  it('lists with "and" or "or"', () => {
    expect(listInWords(['a survey', 'the Local Offer'], 'or')).toBe('a survey or the Local Offer');
    expect(listInWords(['a', 'b', 'c'])).toBe('a, b and c');
  });
});
