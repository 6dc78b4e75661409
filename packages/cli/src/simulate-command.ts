import { once } from 'node:events';
import { createWriteStream, writeFileSync } from 'node:fs';
import { formatOrgCsv } from '@pushpull/org';
import { generateEvents, planSimulation, type TruthEvent } from '@pushpull/simulator';
import { type CommandStreams, processStreams } from './cli-io';

export interface SimulateOptions {
  seed: number;
  people: number;
  days: number;
  start?: string;
  out: string;
  orgOut: string;
  truth: string;
}

/** The first day of a simulation of `days` days that ends today (UTC). */
export function defaultStart(days: number, now: Date = new Date()): string {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

/** `pushpull simulate`: writes the org chart CSV, the events JSONL and the ground truth JSON; a summary on `io.stderr`. */
export async function simulateCommand(
  options: SimulateOptions,
  io: Pick<CommandStreams, 'stderr'> = processStreams(),
): Promise<number> {
  const start = options.start ?? defaultStart(options.days);
  const plan = planSimulation({ seed: options.seed, people: options.people, days: options.days, start });
  writeFileSync(options.orgOut, formatOrgCsv(plan.org));
  // Events stream to the file as they are generated; only the (small) truth is kept in memory.
  const stream = createWriteStream(options.out, { encoding: 'utf8' });
  const truthEvents: Record<string, TruthEvent> = {};
  let count = 0;
  for (const { event, truth } of generateEvents(plan)) {
    truthEvents[event.id] = truth;
    count++;
    if (!stream.write(`${JSON.stringify(event)}\n`)) await once(stream, 'drain');
  }
  stream.end();
  await once(stream, 'finish');
  writeFileSync(options.truth, `${JSON.stringify({ events: truthEvents, leaders: plan.leaders })}\n`);
  io.stderr.write(
    `pushpull simulate: ${options.people} people, ${count} events over ${options.days} days from ${start} ` +
      `→ ${options.out}, ${options.orgOut}, ${options.truth}\n`,
  );
  return 0;
}
