// The board report page's period and words.
import { defaultPeriod, promiseInWords } from './board-report.controller';

describe('the board report page', () => {
  it('defaults to the six months up to today, keeping to the days a month has', () => {
    expect(defaultPeriod('2027-03-15')).toEqual({ from: '2026-09-16', to: '2027-03-15' });
    expect(defaultPeriod('2026-08-31')).toEqual({ from: '2026-03-01', to: '2026-08-31' });
    expect(defaultPeriod('2027-01-01')).toEqual({ from: '2026-07-02', to: '2027-01-01' });
  });

  it('says how each promise fared in words', () => {
    expect(promiseInWords(0, 0)).toBe('Not checked in this period.');
    expect(promiseInWords(3, 0)).toBe('Kept every time: checked 3 times.');
    expect(promiseInWords(2, 1)).toBe('Broken once, kept once (checked twice).');
    expect(promiseInWords(2, 2)).toBe('Broken twice, every time it was checked.');
    expect(promiseInWords(0, 1)).toBe('Broken once.');
  });
});
