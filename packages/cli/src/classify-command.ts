import { readFileSync } from 'node:fs';
import { classifyEvent, InMemoryConversationMemory } from '@pushpull/classifier';
import { identityAccounts, OrgChart, parseIdentityOverrides, parseOrgCsv } from '@pushpull/org';
import { parseActivityLine } from './parse-activity-line';
import { readLines } from './read-lines';

export interface ClassifyOptions {
  org: string;
  orgDomain: string[];
  input?: string;
  identities?: string;
}

/**
 * `pushpull classify`: ActivityEvent JSONL in (stdin or --input), one LabeledEvent JSON line out per
 * good input line, in order. Bad lines are reported on stderr with their number and skipped;
 * identities whose accounts point to different people are left unresolved and listed on stderr.
 * Returns the exit status: 1 if any line was bad.
 */
export async function classifyCommand(options: ClassifyOptions): Promise<number> {
  const overrides = options.identities
    ? parseIdentityOverrides(readFileSync(options.identities, 'utf8'))
    : [];
  const org = OrgChart.fromRows(parseOrgCsv(readFileSync(options.org, 'utf8')), {
    orgDomains: options.orgDomain,
    overrides,
  });
  const memory = new InMemoryConversationMemory();
  let bad = 0;
  const out: string[] = [];
  // Identities whose accounts point to different people: left unresolved, listed at the end.
  const ambiguous = new Map<string, { people: string[]; events: number; firstLine: number }>();
  const flush = () => {
    if (out.length > 0) process.stdout.write(`${out.join('\n')}\n`);
    out.length = 0;
  };
  for await (const { line, text } of readLines(options.input)) {
    if (text.trim() === '') continue;
    const parsed = parseActivityLine(text);
    if (!parsed.ok) {
      bad++;
      process.stderr.write(`pushpull classify: line ${line}: ${parsed.reason}\n`);
      continue;
    }
    for (const identity of [parsed.event.actor, ...parsed.event.targets]) {
      const people = org.ambiguity(identity);
      if (people === null) continue;
      const { key } = identityAccounts(identity);
      const seen = ambiguous.get(key);
      if (seen) seen.events++;
      else ambiguous.set(key, { people, events: 1, firstLine: line });
    }
    out.push(JSON.stringify(classifyEvent(parsed.event, { org, memory })));
    if (out.length >= 500) flush();
  }
  flush();
  for (const [key, a] of ambiguous) {
    process.stderr.write(
      `pushpull classify: ambiguous identity ${key} (first on line ${a.firstLine}, ${a.events} times) points to ${a.people.join(' and ')}; left unresolved — settle it with --identities\n`,
    );
  }
  return bad > 0 ? 1 : 0;
}
