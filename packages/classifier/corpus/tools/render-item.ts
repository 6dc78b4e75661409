/** How an annotator sees a corpus item and its thread: plain text, no label, no classifier output. */
import type { CorpusItem } from '../../eval/corpus-item';

/** Texts longer than this are cut for the annotator (the classifier still reads them whole). */
const MAX_TEXT = 2500;

export const clip = (text: string, max = MAX_TEXT) =>
  text.length > max ? `${text.slice(0, max)}\n[... ${text.length - max} more characters not shown]` : text;
const indent = (text: string) =>
  text
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');
const list = (xs: readonly string[] | undefined, total: number | undefined) =>
  !xs || xs.length === 0
    ? '-'
    : `${xs.join(', ')}${total && total > xs.length ? ` (+${total - xs.length} more)` : ''}`;

export function renderItem(item: CorpusItem): string {
  const head: string[] = [`[${item.id}]`];
  if (item.source === 'email') {
    head.push(`EMAIL from ${item.author}${item.authorTitle ? ` (${item.authorTitle})` : ''}`);
    head.push(`\n    to: ${list(item.to, item.toCount)}\n    cc: ${list(item.cc, item.ccCount)}`);
    head.push(`\n    subject: ${item.subject || '(none)'}`);
    if (item.quotedPreview)
      head.push(
        `\n    (a quoted/forwarded part was cut below the new text; it began:)\n${indent(clip(item.quotedPreview, 300))}`,
      );
    return `${head.join(' ')}\n    --- new text ---\n${indent(clip(item.text))}\n`;
  }
  if (item.source === 'chat') return `[${item.id}] <${item.author}> ${clip(item.text)}\n`;
  if (item.kind === 'sentence')
    return `[${item.id}] (sentence${item.byIssueAuthor ? ', by the issue author' : ''}${item.firstTurn ? ', in the opening post' : ''}) ${item.text}\n`;
  return `[${item.id}] ${item.kind === 'issue' ? 'ISSUE OPENING POST' : 'COMMENT'}\n${indent(clip(item.text))}\n`;
}

export function threadHeader(item: CorpusItem): string {
  if (item.source === 'email') return `=== email thread ${item.thread}`;
  if (item.source === 'chat') return `=== chat conversation (${item.origin}, ${item.community})`;
  if (item.kind === 'sentence')
    return `=== GitHub issue discussion (${item.project}), consecutive sentences of one thread`;
  return `=== GitHub issue thread (${item.project}): "${item.subject}"`;
}
