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
  /^\s*-{2,}\s*(?:original message|forwarded message)\s*-{2,}\s*$|^\s*begin forwarded message:\s*$|^\s*-{3,}\s*forwarded by .{0,120}-{3,}\s*$/i;
/** Lines from which the rest is a mobile signature or a legal footer, not the author's words. */
const FOOTER =
  /^\s*(?:sent from my \w+|sent from (?:outlook|mail|yahoo mail|gmail)\b|get outlook for \w+|sent via \w+|confidentiality notice|this (?:e-?mail|message|communication)(?: and any (?:files|attachments)(?: transmitted with it)?)? (?:is|are|may be) (?:confidential|intended|privileged)|the information (?:contained )?in this (?:e-?mail|message|communication)|if you (?:are not|have received this)|\*{5,}|_{5,}\s*$)/i;
const HTML_COMMENT = /<!--[\s\S]*?(?:-->|$)/g;
const OUTLOOK_RULE = /^\s*_{10,}\s*$/;
const HEADER_FROM = /^\s*from:\s+\S/i;
const HEADER_NEXT = /^\s*(?:sent|date|to|subject):\s/i;
const ENTITIES: Readonly<Record<string, string>> = {
  '&gt;': '>',
  '&lt;': '<',
  '&amp;': '&',
  '&quot;': '"',
  '&#39;': "'",
  '&nbsp;': ' ',
};
const ENTITY = /&(?:gt|lt|amp|quot|#39|nbsp);/g;
/** Lines of a signature block: contact details, titles, a company line. */
const SIGNATURE_LINE =
  /(?:\+?\d[\d\s().-]{7,}\d)|[\w.+-]+@[\w-]+\.[\w.]+|\s\|\s|^(?:m|t|tel|mob|mobile|phone|cell|office|fax|w|e|p)\s*[:.]\s|\b(?:director|manager|counsel|engineer|vp|vice president|head of|analyst|executive|ceo|cto|cfo|coo|founder|officer|lead|consultant|specialist|coordinator|assistant|associate|partner|president)\b/i;
/** A line that is only a name (or initials): a sign-off like "Tom" or "- Priya". */
const NAME_LINE = /^[-–—~]?\s*\p{Lu}[\p{L}.'-]*(?:\s+\p{Lu}[\p{L}.'-]*){0,2}\s*$/u;
/** Short capitalised lines that are messages, not names. */
const NOT_A_NAME =
  /^(?:done|fixed|merged|approved|agreed|thanks|thank you|yes|no|sure|ok|okay|lgtm|cheers|noted|confirmed|great|perfect|nope|yep|deployed|shipped|reverted|closed|same|ping|bump)$/i;

/**
 * The author's own words of a message, ready to be judged: quoted reply lines (`> …`), an
 * "On … wrote:" block and everything after it, forwarded or original-message blocks, a signature after
 * a `-- ` line, a mobile signature or legal footer ("Sent from my iPhone", "This e-mail is
 * confidential…"), HTML comments, a sign-off block ("Best,\nAda") and a trailing signature block or
 * bare sign-off name are removed; HTML entities are decoded; code blocks become `code`, links
 * `link`, Slack mentions `@someone`. Line breaks are kept (they end sentences).
 *
 * @example cleanText('Done, merged.\n\nOn Mon, Ada wrote:\n> can you merge?') === 'Done, merged.'
 */
export function cleanText(text: string): string {
  // Each replacement needs a marker character or word; a text without it is left as it is (most
  // messages have no entity, comment, code, Slack markup or link: no pattern runs over them).
  let normalised = text;
  if (normalised.includes('\r')) normalised = normalised.replace(/\r\n?/g, '\n');
  if (normalised.includes('&')) normalised = normalised.replace(ENTITY, (e) => ENTITIES[e] ?? e);
  if (normalised.includes('<!--')) normalised = normalised.replace(HTML_COMMENT, '');
  if (normalised.includes('`'))
    normalised = normalised.replace(FENCED_CODE, '\ncode\n').replace(INLINE_CODE, 'code');
  if (normalised.includes('<'))
    normalised = normalised
      .replace(SLACK_LINK_WITH_LABEL, '$1')
      .replace(SLACK_MENTION, '@someone')
      .replace(SLACK_CHANNEL, (_, name: string | undefined) => `#${name ?? 'channel'}`);
  if (normalised.includes('http')) normalised = normalised.replace(URL, 'link');

  const lines = normalised.split('\n');
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (SIGNATURE_DELIMITER.test(line) || ON_WROTE.test(line) || ORIGINAL_MESSAGE.test(line)) break;
    if (FOOTER.test(line)) break;
    // Mail clients wrap long "On <date>, <name> <address> wrote:" lines.
    if (ON_START.test(line) && WROTE_END.test(`${line} ${lines[i + 1] ?? ''}`)) break;
    if (OUTLOOK_RULE.test(line) && HEADER_FROM.test(lines[i + 1] ?? '')) break;
    if (HEADER_FROM.test(line) && lines.slice(i + 1, i + 4).some((l) => HEADER_NEXT.test(l))) break;
    if (QUOTED_LINE.test(line)) continue;
    kept.push(line);
  }
  while (kept.length > 0 && kept[kept.length - 1]!.trim() === '') kept.pop();
  return dropSignature(dropSignOff(kept)).join('\n').trim();
}

/**
 * Cuts a trailing signature block (name, title, phone, email lines) or a bare sign-off name ("Tom"),
 * when the message has other lines before it.
 */
function dropSignature(lines: string[]): string[] {
  let end = lines.length;
  while (end > 0 && lines[end - 1]!.trim() === '') end--;
  let cut = end;
  for (let i = end - 1; i >= 0 && i >= end - 5; i--) {
    const line = lines[i]!.trim();
    if (line === '') break;
    const isName = NAME_LINE.test(line) && !NOT_A_NAME.test(line);
    if (line.length > 70 || !(SIGNATURE_LINE.test(line) || isName)) break;
    cut = i;
  }
  const before = lines.slice(0, cut).some((l) => l.trim() !== '');
  return before && cut < end ? lines.slice(0, cut) : lines;
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
