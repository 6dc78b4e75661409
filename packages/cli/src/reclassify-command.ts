import type { Batch, HandlerResult } from '@pushpull/bus';
import { decodeBatch } from '@pushpull/bus';
import { CLASSIFIER_VERSION, classifyEvent, InMemoryConversationMemory } from '@pushpull/classifier';
import type { PushpullConfig } from '@pushpull/config';
import { type ActivityEvent, decodeActivity, PushpullError, type SuppressionFilter } from '@pushpull/core';
import { ACCOUNT_KINDS, type AccountKind, OrgChart } from '@pushpull/org';
import { createLogger, openRuntime } from '@pushpull/runtime';
import {
  type FactInput,
  loadIdentityLinks,
  loadOrgRows,
  loadSuppressionFilter,
  type ReplaceFactsResult,
  replaceFacts,
  type Store,
  toFact,
} from '@pushpull/store';
import { type CommandStreams, processStreams } from './cli-io';
import { parseActivityLine } from './parse-activity-line';
import { readLines } from './read-lines';
import { RedeliveryGuard } from './redelivery-guard';

/** Options of `pushpull reclassify`. */
export interface ReclassifyOptions {
  /** ActivityEvent JSONL to reclassify; without it the raw topic is re-read (Kafka only). */
  input?: string;
  /** Events per store transaction (default 1000). */
  batchSize?: number;
}

/** Reports progress and the outcome on stderr. */
type Progress = (line: string) => void;

/** Labels events with the current classifier and replaces their facts batch by batch. */
class Relabeler {
  private readonly memory = new InMemoryConversationMemory();
  private pending: FactInput[] = [];
  private writing: Promise<void> = Promise.resolve();
  /** Events left out because they involve an erased person. */
  suppressed = 0;
  readonly totals: ReplaceFactsResult & { events: number } = {
    events: 0,
    inserted: 0,
    replaced: 0,
    relabeled: 0,
  };

  constructor(
    private readonly store: Store,
    private readonly org: OrgChart,
    private readonly batchSize: number,
    private readonly progress: Progress,
    private readonly suppression: SuppressionFilter,
  ) {}

  async add(event: ActivityEvent): Promise<void> {
    if (this.suppression.involves(event)) {
      this.suppressed++;
      return;
    }
    const labeled = classifyEvent(event, { org: this.org, memory: this.memory });
    this.pending.push(toFact(labeled, event.occurredAt));
    if (this.pending.length >= this.batchSize) await this.flush();
  }

  /**
   * Hands the pending facts to the store. One write at a time and in order, but without waiting for
   * it: the next batch is classified (CPU) while this one is written (the database). `drain` waits.
   */
  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const facts = this.pending;
    this.pending = [];
    await this.writing;
    this.writing = this.write(facts);
    // Its failure surfaces at the next flush or drain; this only keeps it from going unhandled meanwhile.
    this.writing.catch(() => {});
  }

  /** Flushes and waits until every write has ended (rethrowing a failed one). */
  async drain(): Promise<void> {
    await this.flush();
    await this.writing;
  }

  private async write(facts: FactInput[]): Promise<void> {
    const r = await replaceFacts(this.store.db, facts);
    const before = this.totals.events;
    this.totals.events += facts.length;
    this.totals.inserted += r.inserted;
    this.totals.replaced += r.replaced;
    this.totals.relabeled += r.relabeled;
    if (Math.floor(before / 10_000) !== Math.floor(this.totals.events / 10_000)) {
      this.progress(`${this.totals.events} events reclassified`);
    }
  }
}

async function loadOrgChart(store: Store, orgDomains: readonly string[]): Promise<OrgChart> {
  return OrgChart.fromRows(await loadOrgRows(store.db), {
    orgDomains: [...orgDomains],
    overrides: (await loadIdentityLinks(store.db)).flatMap((a) =>
      (ACCOUNT_KINDS as readonly string[]).includes(a.kind) ? [{ ...a, kind: a.kind as AccountKind }] : [],
    ),
  });
}

/** Feeds the lines of an ActivityEvent JSONL file; returns how many lines were bad. */
async function fromFile(file: string, relabeler: Relabeler, progress: Progress): Promise<number> {
  let bad = 0;
  for await (const { line, text } of readLines(file)) {
    if (text.trim() === '') continue;
    const parsed = parseActivityLine(text);
    if (!parsed.ok) {
      bad++;
      progress(`${file}: line ${line}: ${parsed.reason}`);
      continue;
    }
    await relabeler.add(parsed.event);
  }
  return bad;
}

/**
 * Re-reads the raw topic from its beginning with a fresh consumer group (as far as the topic's
 * retention still holds it) until the group has caught up; returns how many messages were malformed.
 */
async function fromTopic(
  runtime: Awaited<ReturnType<typeof openRuntime>>,
  relabeler: Relabeler,
  progress: Progress,
): Promise<number> {
  const { bus, names } = runtime;
  const groupId = `${names.classifierGroup}.reclassify.${Date.now().toString(36)}`;
  let bad = 0;
  // One batch at a time, so the conversation memory sees each conversation in order; each message once.
  const guard = new RedeliveryGuard();
  let chain = Promise.resolve();
  const handler = (batch: Batch): Promise<HandlerResult[]> => {
    const run = chain.then(async () => {
      const fresh = guard.fresh(batch);
      const { values, results, failures } = decodeBatch(fresh, decodeActivity, 'reclassify.decode');
      bad += failures.length;
      for (const event of values) if (event) await relabeler.add(event);
      await relabeler.drain(); // written before the batch is marked handled
      guard.handled(fresh);
      return guard.results(batch, fresh, results);
    });
    chain = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  };
  let failed: unknown = null;
  const consumer = await bus.consume({
    topic: names.raw,
    groupId,
    handler,
    fromBeginning: true,
    maxInFlight: 1,
    onFatal: (err) => {
      failed = err;
    },
  });
  progress(`reading ${names.raw} from the beginning (consumer group ${groupId})`);
  try {
    let quiet = 0;
    while (quiet < 2) {
      if (failed) throw failed;
      await new Promise((r) => setTimeout(r, 250));
      quiet = (await consumer.lag()) === 0 ? quiet + 1 : 0;
    }
  } finally {
    await consumer.stop();
  }
  if (guard.skipped > 0) {
    progress(`${guard.skipped} messages delivered again after a consumer-group rebalance were skipped`);
  }
  return bad;
}

/**
 * `pushpull reclassify`: labels stored events again with this classifier version and replaces
 * their facts and rollups, without double counting (see `replaceFacts`). The raw events come from
 * `--input EVENTS.jsonl` (any bus), or else from the raw Kafka topic re-read from its beginning
 * (retention permitting). The embedded bus keeps no events between runs, so embedded installs need
 * `--input`. Facts of events absent from the input keep their labels; the summary says how many.
 * Events involving an erased person (`pushpull person erase`) are left out and counted.
 * Progress and the summary go to `io.stderr`. Returns the exit status: 1 if any input line was bad.
 */
export async function reclassifyCommand(
  options: ReclassifyOptions,
  config: PushpullConfig,
  io: Pick<CommandStreams, 'stderr'> = processStreams(),
): Promise<number> {
  const progress: Progress = (line) => io.stderr.write(`pushpull reclassify: ${line}\n`);
  if (!options.input && !config.kafkaBrokers) {
    throw new PushpullError(
      'RECLASSIFY_NO_EVENTS',
      'the embedded bus keeps no events between runs: pass --input EVENTS.jsonl (the events you ingested, e.g. from `pushpull sync … --out` or `pushpull simulate --out`), or set KAFKA_BROKERS to re-read the raw topic',
      {},
    );
  }
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, 'reclassify', io.stderr);
  const runtime = await openRuntime(config, logger, 'pushpull-reclassify');
  try {
    const { store } = runtime;
    const org = await loadOrgChart(store, config.orgDomains);
    const suppression = await loadSuppressionFilter(store.db);
    const relabeler = new Relabeler(store, org, options.batchSize ?? 1000, progress, suppression);
    const bad = options.input
      ? await fromFile(options.input, relabeler, progress)
      : await fromTopic(runtime, relabeler, progress);
    await relabeler.drain();
    const t = relabeler.totals;
    const others = await store.db
      .selectFrom('labeled_fact')
      .select(['classifier_version', (eb) => eb.fn.countAll<number>().as('n')])
      .where('classifier_version', '<>', CLASSIFIER_VERSION)
      .groupBy('classifier_version')
      .orderBy('classifier_version')
      .execute();
    progress(
      `${t.events} events labeled with classifier ${CLASSIFIER_VERSION}: ${t.replaced} stored facts replaced (${t.relabeled} changed mode or initiative), ${t.inserted} new; rollups corrected`,
    );
    if (others.length > 0) {
      progress(
        `kept (not in the input): ${others.map((o) => `${Number(o.n)} facts of classifier ${o.classifier_version}`).join(', ')}`,
      );
    }
    if (relabeler.suppressed > 0) progress(`${relabeler.suppressed} events of erased people left out`);
    if (bad > 0) progress(`${bad} malformed events skipped`);
    return bad > 0 ? 1 : 0;
  } finally {
    await runtime.close();
  }
}
