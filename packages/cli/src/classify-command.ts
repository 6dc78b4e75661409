import { readFileSync } from 'node:fs';
import { classifyEvent, InMemoryConversationMemory } from '@pushpull/classifier';
import { errorKind } from '@pushpull/core';
import {
  identityAccounts,
  ORG_CSV_REQUIRED_COLUMNS,
  OrgChart,
  parseIdentityOverrides,
  parseOrgCsv,
} from '@pushpull/org';
import { type CommandStreams, processStreams } from './cli-io';
import { LineRejections } from './line-rejections';
import { readActivityLines } from './read-activity-lines';

export interface ClassifyOptions {
  org: string;
  orgDomain: string[];
  input?: string;
  identities?: string;
}

/**
 * `pushpull classify`: ActivityEvent JSONL in (stdin or --input), one LabeledEvent JSON line out per
 * good input line, in order. Bad lines are reported on stderr with their number and code and
 * skipped — a line over 1 MiB, nested deeper than 64 levels, not JSON, not an ActivityEvent, or an
 * event re-using an earlier line's id with different content (the first keeps the id, as in the
 * pipeline); nothing about one line stops the others. A JSON array input is refused as a whole
 * (`INPUT_NOT_JSONL`). Identities whose accounts point to different people are left unresolved and
 * listed on stderr. Reads and writes `io` (default: the process's streams). Returns the exit status: 1 if any line was bad.
 */
export async function classifyCommand(
  options: ClassifyOptions,
  io: CommandStreams = processStreams(),
): Promise<number> {
  const overrides = options.identities
    ? parseIdentityOverrides(readFileSync(options.identities, 'utf8'))
    : [];
  const org = OrgChart.fromRows(
    parseOrgCsv(readFileSync(options.org, 'utf8'), {
      file: options.org,
      requiredColumns: ORG_CSV_REQUIRED_COLUMNS,
    }),
    {
      orgDomains: options.orgDomain,
      overrides,
    },
  );
  const memory = new InMemoryConversationMemory();
  const input = options.input ?? 'stdin';
  const rejected = new LineRejections('pushpull classify', input, (t) => io.stderr.write(t));
  const out: string[] = [];
  // Identities whose accounts point to different people: left unresolved, listed at the end.
  const ambiguous = new Map<string, { people: string[]; events: number; firstLine: number }>();
  const flush = () => {
    if (out.length > 0) io.stdout.write(`${out.join('\n')}\n`);
    out.length = 0;
  };
  for await (const read of readActivityLines(options.input, { stdin: io.stdin })) {
    if (!read.ok) {
      rejected.add(read.line, read.code, read.reason, read.conflict?.firstLine);
      continue;
    }
    const { line, event } = read;
    let labeled: string;
    try {
      labeled = JSON.stringify(classifyEvent(event, { org, memory }));
    } catch (err) {
      // Kept to its line: the rest of the input is still classified.
      rejected.add(line, 'EVENT_UNREADABLE', `could not be classified (${errorKind(err)})`);
      continue;
    }
    for (const identity of [event.actor, ...event.targets]) {
      const people = org.ambiguity(identity);
      if (people === null) continue;
      const { key } = identityAccounts(identity);
      const seen = ambiguous.get(key);
      if (seen) seen.events++;
      else ambiguous.set(key, { people, events: 1, firstLine: line });
    }
    out.push(labeled);
    if (out.length >= 500) flush();
  }
  flush();
  for (const [key, a] of ambiguous) {
    io.stderr.write(
      `pushpull classify: ambiguous identity ${key} (first on line ${a.firstLine}, ${a.events} times) points to ${a.people.join(' and ')}; left unresolved — settle it with --identities\n`,
    );
  }
  const conflicts = rejected.conflictSummary();
  if (conflicts) io.stderr.write(`pushpull classify: ${conflicts}; the first of each was labeled\n`);
  if (rejected.count > 0) io.stderr.write(`pushpull classify: ${input}: ${rejected.summary()}\n`);
  return rejected.count > 0 ? 1 : 0;
}
