const BULLET = /^\s*(?:[-*•+]|\d{1,3}[.)]|#{1,6})\s+/;
const SENTENCE_END = /(?<=[.!?…])["'”’)\]]*\s+(?=\S)/;

/**
 * Splits text into sentences: every line is at least one sentence (list bullets and markdown heading
 * marks removed), and a line is split after `.`, `!`, `?` or `…` followed by a space. Blank lines
 * vanish. Abbreviations ("e.g. this") may split too; the rules only look at how sentences start and end.
 *
 * @example splitSentences('Shipped it. Any questions?\n- next: tests') // ['Shipped it.', 'Any questions?', 'next: tests']
 */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split(/\r\n|\r|\n/)) {
    const body = line.replace(BULLET, '').trim();
    if (body === '') continue;
    for (const part of body.split(SENTENCE_END)) {
      const sentence = part.trim();
      if (sentence !== '') out.push(sentence);
    }
  }
  return out;
}
