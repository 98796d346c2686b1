// Plain English checks. The charters ask partners to explain every abbreviation (002: "Plain
// English will be used and any abbreviations will be explained clearly"), so text written
// for parent carers can be checked for abbreviations that are never explained.
//
// What counts as an abbreviation: a word of two or more capital letters, which may go on
// with more capitals or digits ("SEND", "CYP", "EHCP", "COVID19"), capitals joined by "&"
// ("A&E", "Q&A"), and may take a plural or possessive ending ("EHCPs", "SEND's"). Not
// counted: single capitals ("I", "A"), words that start with a digit ("10AM"), words mixing
// in lower case ("FiP", "WarrPAC", "iPhone"), ordinary words written in capitals for
// emphasis ("NOT", "OK", see ORDINARY_WORDS), Roman numerals ("II", "IV"), and a heading:
// a line written wholly in capitals ("WOKINGHAM BOROUGH COUNCIL").
//
// What counts as explained, on or before the first use (DOMAIN.md: expand on first use):
// - the abbreviation followed by its words in full in brackets, "SEND (special educational
//   needs and disabilities)";
// - the words in full followed by the abbreviation in brackets, "special educational needs
//   and disabilities (SEND)".
// Either way the words must spell it out: each letter starts a word or continues the
// previous letter's word ("SEND Information, Advice and Support Service (SENDIASS)"), and
// small words may be skipped. The words inside an explanation's brackets are not uses.
// Other ways of explaining ("SEND means ...", "SEND - ...") are not recognised.

interface Word {
  text: string;
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{N}]+(?:&[\p{L}\p{N}]+)*/gu;
const ABBREVIATION = /^(?:[A-Z]{2,}[A-Z0-9]*|[A-Z]+(?:&[A-Z]+)+)$/;
const PLURAL = /^([A-Z]{2,}[A-Z0-9]*)s$/;
/** I to XXXIX: chapter and part numbers ("Part II", "Section IV"). */
const ROMAN_NUMERAL = /^X{0,3}(?:IX|IV|V?I{0,3})$/;

/** Ordinary words people write in capitals for emphasis: not abbreviations. */
const ORDINARY_WORDS: ReadonlySet<string> = new Set(
  (
    'OK NOT NO YES ALL AND OR BUT THE AN IS ARE WAS WERE BE BEEN DO DOES DID DONE MUST SHOULD ' +
    'WILL WOULD COULD CAN CANNOT MAY NEVER ALWAYS ONLY NOW NEW FREE PLEASE NOTE IMPORTANT URGENT ' +
    'WARNING NOTICE HELP STOP ANY EVERY EACH BEFORE AFTER BY ON IN AT TO OF FOR WITH WITHOUT FROM ' +
    'YOU YOUR WE OUR THEY THEIR THIS THAT THESE THOSE IF WHEN WHERE HOW WHAT WHY WHO TODAY ' +
    'TOMORROW DRAFT FINAL CLOSED OPEN VERY MORE LESS MOST MANY NONE HAVE HAS HAD GET GO UP OUT ' +
    'OFF OVER SO AS DON WON ISN AREN DIDN DOESN SHOULDN WOULDN COULDN HASN HAVEN WASN WEREN'
  ).split(' '),
);
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

/** Indexes of words on a line written wholly in capitals: a heading, not abbreviations. */
function headingWords(text: string, words: readonly Word[]): Set<number> {
  const inHeading = new Set<number>();
  words.forEach((word, i) => {
    const lineStart = text.lastIndexOf('\n', word.start) + 1;
    const lineEnd = text.indexOf('\n', word.end);
    const line = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd);
    if (!/\p{Ll}/u.test(line)) inHeading.add(i);
  });
  return inHeading;
}

/** The letters an abbreviation stands for ("A&E" -> "AE"). */
const lettersOf = (abbreviation: string) => abbreviation.replace(/&/g, '');

/**
 * Every abbreviation used in `text` and never explained in it, each once, in order of first
 * use (see the top of this file for what counts as an abbreviation and as explained).
 */
export function unexplainedAbbreviations(text: string): string[] {
  const words = wordsOf(text);
  const heading = headingWords(text, words);
  const forms = new Set(words.map((w) => abbreviationOf(w.text)).filter((a): a is string => a !== null));
  // "EHCPS" in capitals is read as the plural of "EHCP" when "EHCP" is in the text too.
  const canonical = (a: string) =>
    a.length > 2 && a.endsWith('S') && forms.has(a.slice(0, -1)) ? a.slice(0, -1) : a;
  const seen = new Set<string>();
  const explained = new Set<string>();
  const unexplained: string[] = [];
  let explanationEnd = -1; // words up to here are inside an explanation's brackets
  words.forEach((word, i) => {
    if (word.start < explanationEnd || heading.has(i)) return;
    const form = abbreviationOf(word.text);
    if (form === null || ORDINARY_WORDS.has(form) || ROMAN_NUMERAL.test(form)) return;
    const abbreviation = canonical(form);
    const inside = bracketsAfter(text, word);
    if (
      inside !== null &&
      spellsOut(
        lettersOf(form),
        wordsOf(inside).map((w) => w.text),
      )
    ) {
      explained.add(abbreviation);
      explanationEnd = text.indexOf(')', word.end);
    }
    if (isBracketed(text, word) && spellsOut(lettersOf(form), wordsBeforeBrackets(text, word)))
      explained.add(abbreviation);
    if (!seen.has(abbreviation) && !explained.has(abbreviation)) unexplained.push(abbreviation);
    seen.add(abbreviation);
  });
  return unexplained;
}
