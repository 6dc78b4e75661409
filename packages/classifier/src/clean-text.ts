import { VALEDICTION } from './phrase-patterns';

const FENCED_CODE = /```[\s\S]*?(?:```|$)/g;
const INLINE_CODE = /`[^`\n]+`/g;
const SLACK_LINK_WITH_LABEL = /<(?:https?|mailto):[^|>\s]+\|([^>]+)>/g;
const SLACK_MENTION = /<[@!][A-Za-z0-9_.-]+(?:\|[^>]*)?>/g;
const SLACK_CHANNEL = /<#[A-Za-z0-9]+(?:\|([^>]*))?>/g;
const URL = /<?\bhttps?:\/\/[^\s<>]+>?/g;
const QUOTED_LINE = /^\s*>/;
const SIGNATURE_DELIMITER = /^--\s?$/;
const ON_WROTE = /^\s*On\s.*\bwrote:\s*$/i;
const ON_START = /^\s*On\s/i;
const WROTE_END = /\bwrote:\s*$/i;
const ORIGINAL_MESSAGE =
  /^\s*-{2,}\s*(?:original message|forwarded message)\s*-{2,}\s*$|^\s*begin forwarded message:\s*$/i;
const OUTLOOK_RULE = /^\s*_{10,}\s*$/;
const HEADER_FROM = /^\s*from:\s+\S/i;
const HEADER_NEXT = /^\s*(?:sent|date|to|subject):\s/i;

/**
 * The author's own words of a message, ready to be judged: quoted reply lines (`> …`), an
 * "On … wrote:" block and everything after it, forwarded or original-message blocks, a signature after
 * a `-- ` line and a sign-off block ("Best,\nAda") are removed; code blocks become `code`, links
 * `link`, Slack mentions `@someone`. Line breaks are kept (they end sentences).
 *
 * @example cleanText('Done, merged.\n\nOn Mon, Ada wrote:\n> can you merge?') === 'Done, merged.'
 */
export function cleanText(text: string): string {
  const normalised = text
    .replace(/\r\n?/g, '\n')
    .replace(FENCED_CODE, '\ncode\n')
    .replace(INLINE_CODE, 'code')
    .replace(SLACK_LINK_WITH_LABEL, '$1')
    .replace(SLACK_MENTION, '@someone')
    .replace(SLACK_CHANNEL, (_, name: string | undefined) => `#${name ?? 'channel'}`)
    .replace(URL, 'link');

  const lines = normalised.split('\n');
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (SIGNATURE_DELIMITER.test(line) || ON_WROTE.test(line) || ORIGINAL_MESSAGE.test(line)) break;
    // Mail clients wrap long "On <date>, <name> <address> wrote:" lines.
    if (ON_START.test(line) && WROTE_END.test(`${line} ${lines[i + 1] ?? ''}`)) break;
    if (OUTLOOK_RULE.test(line) && HEADER_FROM.test(lines[i + 1] ?? '')) break;
    if (HEADER_FROM.test(line) && lines.slice(i + 1, i + 4).some((l) => HEADER_NEXT.test(l))) break;
    if (QUOTED_LINE.test(line)) continue;
    kept.push(line);
  }
  while (kept.length > 0 && kept[kept.length - 1]!.trim() === '') kept.pop();
  return dropSignOff(kept).join('\n').trim();
}

/** Cuts a sign-off ("Thanks,\nAda\nHead of Sales") when only a few short lines follow it. */
function dropSignOff(lines: string[]): string[] {
  for (let i = lines.length - 1; i >= 0 && i >= lines.length - 5; i--) {
    if (!VALEDICTION.test(lines[i]!.trim())) continue;
    const after = lines.slice(i + 1).filter((l) => l.trim() !== '');
    if (after.length > 4 || after.some((l) => l.trim().length > 60)) continue;
    // With nothing before it, the valediction is the message itself ("Thanks,\nIvan" → "Thanks,").
    const hasContentBefore = lines.slice(0, i).some((l) => l.trim() !== '');
    return lines.slice(0, hasContentBefore ? i : i + 1);
  }
  return lines;
}
