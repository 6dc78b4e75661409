import { readFileSync } from 'node:fs';
import { classifyEvent, InMemoryConversationMemory } from '@pushpull/classifier';
import { OrgChart, parseIdentityOverrides, parseOrgCsv } from '@pushpull/org';
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
 * good input line, in order. Bad lines are reported on stderr with their number and skipped.
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
    out.push(JSON.stringify(classifyEvent(parsed.event, { org, memory })));
    if (out.length >= 500) flush();
  }
  flush();
  return bad > 0 ? 1 : 0;
}
