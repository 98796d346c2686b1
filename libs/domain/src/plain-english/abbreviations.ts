// Plain English checks. The charters ask partners to explain every abbreviation (002: "Plain
// English will be used and any abbreviations will be explained clearly"), so text written
// for parent carers can be checked for abbreviations that are never explained.
//
// What counts as an abbreviation: a word of two or more capital letters, which may go on
// with more capitals or digits ("SEND", "CYP", "EHCP", "COVID19"), and may take a plural or
// possessive ending ("EHCPs", "SEND's"). Single capitals ("I", "A"), words that start with a
// digit ("10AM"), and words mixing in lower case ("FiP", "WarrPAC", "iPhone") are not
// counted. Three or more capitalised words in a row are read as a heading written in
// capitals ("WOKINGHAM BOROUGH COUNCIL"), not as abbreviations.
//
// What counts as explained, anywhere in the same text:
// - the abbreviation followed by an explanation in brackets, "SEND (special educational
//   needs and disabilities)": the brackets hold at least two words, written in ordinary
//   lower-case letters or spelling out the abbreviation;
// - the words in full followed by the abbreviation in brackets, "special educational needs
//   and disabilities (SEND)": the words just before the brackets must spell it out, each
//   letter starting a word or continuing the previous letter's word ("SEND Information,
//   Advice and Support Service (SENDIASS)"), small words may be skipped.
// Other ways of explaining ("SEND means ...", "SEND - ...") are not recognised.

interface Word {
  text: string;
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{N}]+/gu;
const ABBREVIATION = /^[A-Z]{2,}[A-Z0-9]*$/;
const PLURAL = /^([A-Z]{2,}[A-Z0-9]*)s$/;
const CAPITALS_WORD = /^(?=.*\p{Lu})[\p{Lu}\p{N}]+$/u;
/** What may stand between the words of a heading written in capitals. */
const HEADING_GAP = /^[\s\-–&/'’]*$/;
/** Where the words in full before "(ABBR)" cannot reach past. */
const CLAUSE_BREAK = /[.!?;:()[\]\n]/g;
const QUOTES = `"'“”‘’`;

function wordsOf(text: string): Word[] {
  return Array.from(text.matchAll(WORD), (m) => ({ text: m[0], start: m.index, end: m.index + m[0].length }));
}

/** The abbreviation a word stands for ("EHCPs" -> "EHCP"), or null when it is not one. */
function abbreviationOf(word: string): string | null {
  if (ABBREVIATION.test(word)) return word;
  const plural = PLURAL.exec(word);
  return plural ? plural[1] : null;
}

/** True when `words` spell `abbreviation`: each letter begins a word or continues the previous letter's word. */
export function spellsOut(abbreviation: string, words: readonly string[]): boolean {
  const letters = abbreviation.toUpperCase();
  const upper = words.map((w) => w.toUpperCase());
  const memo = new Map<string, boolean>();
  const match = (i: number, j: number): boolean => {
    if (i === letters.length) return true;
    if (j === upper.length) return false;
    const key = `${i},${j}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    let found = false;
    const word = upper[j];
    for (let taken = 1; !found && taken <= word.length && i + taken <= letters.length; taken += 1) {
      if (word[taken - 1] !== letters[i + taken - 1]) break;
      found = match(i + taken, j + 1);
    }
    if (!found) found = match(i, j + 1);
    memo.set(key, found);
    return found;
  };
  return match(0, 0);
}

function skipSpaces(text: string, from: number): number {
  let i = from;
  while (i < text.length && /\s/.test(text[i])) i += 1;
  return i;
}

/** "ABBR (explanation)": the text in the brackets right after the word, if any. */
function bracketsAfter(text: string, word: Word): string | null {
  const open = skipSpaces(text, word.end);
  if (text[open] !== '(') return null;
  const close = text.indexOf(')', open + 1);
  if (close < 0) return null;
  const inside = text.slice(open + 1, close);
  return inside.includes('(') ? null : inside;
}

/** "(ABBR)": true when the word stands alone in brackets (quotes allowed). */
function isBracketed(text: string, word: Word): boolean {
  let before = word.start - 1;
  while (before >= 0 && (QUOTES.includes(text[before]) || text[before] === ' ')) before -= 1;
  let after = word.end;
  while (after < text.length && (QUOTES.includes(text[after]) || text[after] === ' ')) after += 1;
  return text[before] === '(' && text[after] === ')';
}

/** The words of the clause just before the "(" that opens the brackets around `word`. */
function wordsBeforeBrackets(text: string, word: Word): string[] {
  const open = text.lastIndexOf('(', word.start);
  const before = text.slice(0, open);
  let clauseStart = 0;
  for (const m of before.matchAll(CLAUSE_BREAK)) clauseStart = m.index + 1;
  return wordsOf(before.slice(clauseStart))
    .slice(-20)
    .map((w) => w.text);
}

/** Indexes of words that belong to a heading written in capitals (three or more in a row). */
function headingWords(text: string, words: readonly Word[]): Set<number> {
  const inHeading = new Set<number>();
  let run: number[] = [];
  const endRun = () => {
    if (run.length >= 3) run.forEach((i) => inHeading.add(i));
    run = [];
  };
  words.forEach((word, i) => {
    if (!CAPITALS_WORD.test(word.text)) return endRun();
    if (run.length > 0 && !HEADING_GAP.test(text.slice(words[i - 1].end, word.start))) endRun();
    run.push(i);
  });
  endRun();
  return inHeading;
}

function isExplanation(inside: string, abbreviation: string): boolean {
  const words = wordsOf(inside).map((w) => w.text);
  return words.length >= 2 && (/\p{Ll}/u.test(inside) || spellsOut(abbreviation, words));
}

/**
 * Every abbreviation used in `text` and never explained in it, each once, in order of first
 * use (see the top of this file for what counts as an abbreviation and as explained).
 */
export function unexplainedAbbreviations(text: string): string[] {
  const words = wordsOf(text);
  const heading = headingWords(text, words);
  const used: string[] = [];
  const explained = new Set<string>();
  words.forEach((word, i) => {
    const abbreviation = abbreviationOf(word.text);
    if (abbreviation === null) return;
    const inside = bracketsAfter(text, word);
    if (inside !== null && isExplanation(inside, abbreviation)) explained.add(abbreviation);
    if (isBracketed(text, word) && spellsOut(abbreviation, wordsBeforeBrackets(text, word)))
      explained.add(abbreviation);
    if (!heading.has(i) && !used.includes(abbreviation)) used.push(abbreviation);
  });
  // "EHCPS" in capitals is read as the plural of "EHCP" when "EHCP" is in the text too.
  const known = (a: string) => used.includes(a) || explained.has(a);
  const singular = (a: string) =>
    a.length > 2 && a.endsWith('S') && known(a.slice(0, -1)) ? a.slice(0, -1) : a;
  const result: string[] = [];
  for (const abbreviation of used.map(singular))
    if (!explained.has(abbreviation) && !result.includes(abbreviation)) result.push(abbreviation);
  return result;
}
