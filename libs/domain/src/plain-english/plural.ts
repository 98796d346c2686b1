// A count with its noun, in plain English: "1 day", "3 days".
export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
