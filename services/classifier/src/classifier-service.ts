import {
  type Batch,
  type Bus,
  type ConsumeOptions,
  type Consumer,
  decodeBatch,
  type HandlerResult,
  type OutgoingMessage,
} from '@pushpull/bus';
import {
  type ConversationMemory,
  classifyEvent,
  copyTrail,
  InMemoryConversationMemory,
  type PullRecord,
  parseTime,
  type TrailState,
} from '@pushpull/classifier';
import {
  type ActivityEvent,
  decodeActivity,
  isPushpullError,
  type LabeledEvent,
  type PipelineNames,
  pipelineNames,
  toLabeledMessage,
} from '@pushpull/core';
import { identityAccounts, type OrgChart } from '@pushpull/org';
import { dependencyOutageOptions, loadOrgChart, noteDeadLettered, noteSuppressed } from '@pushpull/runtime';
import {
  findPullsAtOrgVersion,
  findTrails,
  type IdentityConflictInput,
  loadSuppressionFilter,
  recordIdentityConflicts,
  recordPulls,
  recordTrails,
  type Store,
  type StoredConversationTrail,
} from '@pushpull/store';
import type { Logger } from 'pino';
import { resumedTrail } from './resumed-trail';

export interface ClassifierServiceOptions {
  bus: Bus;
  store: Store;
  logger: Logger;
  /** Extra org email domains beyond those of the org chart. */
  orgDomains?: string[];
  /** Topic and group names; default the contract's. */
  names?: PipelineNames;
  /** How often the org chart is re-read from the store, in ms. Default 60 s. */
  orgRefreshMs?: number;
  onFatal?: (err: unknown) => void;
  /** Per-batch statistics, for metrics. */
  onBatchDone?: ConsumeOptions['onBatchDone'];
  /**
   * Conversations remembered per raw-topic partition; beyond it the least recently used is forgotten
   * (and read again from the store when its next event comes). Default 50,000; at least 1,000.
   */
  maxConversationsPerPartition?: number;
}

/** What the service remembers of one raw-topic partition it handled. */
interface PartitionState {
  memory: InMemoryConversationMemory;
  /** The offset right after the last batch handled through, or null while a batch is being handled. */
  nextOffset: bigint | null;
}

/** A running classifier service. */
export interface ClassifierService {
  /** Events labeled since start; `suppressed`: dropped because they involve an erased person. */
  readonly stats: { labeled: number; deadLettered: number; suppressed: number };
  /** Re-reads the org chart from the store now. */
  reloadOrg(): Promise<void>;
  /** Messages of its input topic not yet consumed. */
  lag(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * The classifier service: raw topic → labeled topic. Decodes each CloudEvent (malformed → DLQ with
 * its reason), labels it with the classifier against the org chart from the store, and publishes
 * the LabeledEvent keyed by actor. Conversation state (earlier pulls, and each conversation's trail) is
 * kept in the store so that a label does not depend on restarts or rebalances, and in a bounded memory
 * per partition: a batch reads, in one statement, the org version and the stored pulls of the
 * conversations not in memory, and beside it their stored trails (see `resumedTrail`). A partition's
 * memory is dropped whenever its batches do not follow on from the last one handled here (the
 * partition was with another process meanwhile, or a batch is retried), so another process's pulls
 * are never missed.
 *
 * @example
 * const svc = await startClassifierService({ bus, store, logger });
 * await svc.stop();
 */
export async function startClassifierService(options: ClassifierServiceOptions): Promise<ClassifierService> {
  const { bus, store, logger } = options;
  const names = options.names ?? pipelineNames();
  const stats = { labeled: 0, deadLettered: 0, suppressed: 0 };
  const loadOrg = () => loadOrgChart(store, { orgDomains: options.orgDomains ?? [] });
  const first = await loadOrg();
  let orgVersion = first.version;
  let org = first.chart;
  // Erased people (`pushpull person erase`): their events are dropped here too (those already on the raw
  // topic when they were erased). An erasure bumps the org version, so the list is re-read with the chart.
  let suppression = await loadSuppressionFilter(store.db);
  // At least a batch's worth: every conversation of a batch stays held while the batch is labeled.
  const maxConversations = Math.max(1000, options.maxConversationsPerPartition ?? 50_000);
  let partitions = new Map<number, PartitionState>();
  /** A partition's state, remembering nothing yet. */
  const freshState = (partition: number): PartitionState => {
    const state = { memory: new InMemoryConversationMemory({ maxConversations }), nextOffset: null };
    partitions.set(partition, state);
    return state;
  };

  // One reload at a time, shared by every caller: the version is recorded only once the chart it
  // belongs to is loaded, so a batch of another partition never sees the new version with the old
  // chart (it waits for the same reload instead).
  let reloading: Promise<void> | null = null;
  const reloadOrg = (): Promise<void> => {
    reloading ??= (async () => {
      try {
        const loaded = await loadOrg();
        const nextSuppression = await loadSuppressionFilter(store.db);
        if (nextSuppression.size !== suppression.size) {
          // The remembered pulls may key an erased person (the store's were deleted): forget them all;
          // each conversation is read again from the store when its next event comes.
          partitions = new Map();
        }
        suppression = nextSuppression;
        org = loaded.chart;
        orgVersion = loaded.version;
        logger.info({ orgVersion }, 'org chart loaded');
      } finally {
        reloading = null;
      }
    })();
    return reloading;
  };
  const timer = setInterval(() => {
    reloadOrg().catch((err) => logger.warn({ err: errorSummary(err) }, 'org chart reload failed'));
  }, options.orgRefreshMs ?? 60_000);
  timer.unref();

  /**
   * The memory of the batch's partition, holding every conversation of `events`: one statement reads
   * the org version and the stored pulls of those not held. A changed org chart (import, sync,
   * erasure) is loaded first and the pulls read again, so the batch is labeled with the chart and
   * pulls of one moment.
   */
  const prepare = async (batch: Batch, events: (ActivityEvent | null)[]): Promise<PartitionState> => {
    if (reloading) await reloading;
    const first = batch.messages[0];
    let state = partitions.get(batch.partition);
    if (!state || !first || state.nextOffset !== BigInt(first.offset)) state = freshState(batch.partition);
    state.nextOffset = null; // until this batch is through
    for (;;) {
      const missing = new Set<string>();
      for (const e of events) {
        if (e?.conversationId && !state.memory.has(e.conversationId)) missing.add(e.conversationId);
      }
      const [read, trails] = await Promise.all([
        findPullsAtOrgVersion(store.db, [...missing]),
        missing.size > 0 ? findTrails(store.db, [...missing]) : [],
      ]);
      if (read.orgVersion !== orgVersion) {
        await reloadOrg();
        // An erasure made the reload forget every partition's memory.
        if (partitions.get(batch.partition) !== state) state = freshState(batch.partition);
        continue;
      }
      for (const pull of read.pulls) state.memory.remember(pull);
      for (const c of missing) state.memory.hold(c);
      const place = { partition: batch.partition, firstOffset: BigInt(first?.offset ?? 0) };
      for (const stored of trails) {
        const trail = resumedTrail(stored, place);
        if (trail !== undefined) state.memory.restoreTrail(stored.conversationId, trail);
      }
      return state;
    }
  };

  const handler = async (batch: Batch): Promise<HandlerResult[]> => {
    const { values: decoded, results, failures } = decodeBatch(batch, decodeActivity, 'classifier.decode');
    noteDeadLettered(stats, logger, batch, failures, 'raw');
    const state = await prepare(batch, decoded);
    const { memory } = state;
    let dropped = 0;
    const events = decoded.filter((e): e is ActivityEvent => {
      if (!e) return false;
      if (!suppression.involves(e)) return true;
      dropped++;
      return false;
    });
    noteSuppressed(stats, logger, dropped);
    const out: OutgoingMessage[] = [];
    const newPulls: PullRecord[] = [];
    // Whatever the classifier remembers (a pull, a directive) is kept in the store too, so that a
    // later answer is recognised as responsive even after a restart.
    const recording: ConversationMemory = {
      pullsIn: (conversationId) => memory.pullsIn(conversationId),
      remember: (pull) => {
        memory.remember(pull);
        newPulls.push(pull);
      },
      // The conversation's trail (its course so far): written to the store per batch, below.
      trailOf: (conversationId) => memory.trailOf(conversationId),
      noteEvent: (conversationId, event) => memory.noteEvent(conversationId, event),
    };
    const conflicts = new Map<string, IdentityConflictInput>();
    /** Each conversation of the batch: its trail before the batch, and its latest event's time. */
    const touched = new Map<string, { before: TrailState | null; lastAt: string }>();
    for (const event of events) {
      const c = event.conversationId;
      if (c != null) {
        const seen = touched.get(c);
        if (seen === undefined) {
          const before = memory.trailOf(c);
          touched.set(c, {
            before: before === undefined ? null : copyTrail(before),
            lastAt: event.occurredAt,
          });
        } else if (parseTime(event.occurredAt) > parseTime(seen.lastAt)) seen.lastAt = event.occurredAt;
      }
      noteAmbiguousIdentities(org, event, conflicts);
      const labeled: LabeledEvent = classifyEvent(event, { org, memory: recording });
      out.push(toLabeledMessage(labeled));
    }
    // The writes and the publish go side by side: the batch's offsets are committed only after all
    // three, and a retried batch writes the same pulls again (kept once) and republishes (readers keep
    // one per event id).
    const trails = batchTrails(memory, touched, batch);
    await Promise.all([
      newPulls.length > 0 ? recordPulls(store.db, newPulls) : null,
      trails.length > 0 ? recordTrails(store.db, trails) : null,
      conflicts.size > 0 ? recordIdentityConflicts(store.db, [...conflicts.values()]) : null,
      out.length > 0 ? bus.publish(names.labeled, out) : null,
    ]);
    if (conflicts.size > 0) {
      logger.warn(
        { identities: conflicts.size },
        'identities whose accounts point to different people were left unresolved; see `pushpull org identities`',
      );
    }
    stats.labeled += out.length;
    const last = batch.messages[batch.messages.length - 1];
    if (last) state.nextOffset = BigInt(last.offset) + 1n;
    return results;
  };

  const consumer: Consumer = await bus.consume({
    topic: names.raw,
    groupId: names.classifierGroup,
    maxBatchSize: 1000,
    handler,
    ...dependencyOutageOptions(store, logger),
    ...(options.onFatal ? { onFatal: options.onFatal } : {}),
    ...(options.onBatchDone ? { onBatchDone: options.onBatchDone } : {}),
  });
  logger.info({ topic: names.raw, group: names.classifierGroup }, 'classifier started');
  return {
    stats,
    reloadOrg,
    lag: () => consumer.lag(),
    async stop() {
      clearInterval(timer);
      await consumer.stop();
    },
  };
}

/**
 * The trails a batch leaves, one per conversation it noted an event of: the state now, the state
 * before the batch, and the batch's place on the topic (what `resumedTrail` needs to resume it).
 */
function batchTrails(
  memory: InMemoryConversationMemory,
  touched: ReadonlyMap<string, { before: TrailState | null; lastAt: string }>,
  batch: Batch,
): StoredConversationTrail[] {
  const first = batch.messages[0];
  const last = batch.messages[batch.messages.length - 1];
  if (!first || !last) return [];
  const out: StoredConversationTrail[] = [];
  for (const [conversationId, { before, lastAt }] of touched) {
    const trail = memory.trailOf(conversationId);
    if (trail === undefined) continue;
    out.push({
      conversationId,
      trail: copyTrail(trail),
      before,
      partition: batch.partition,
      firstOffset: String(first.offset),
      lastOffset: String(last.offset),
      lastAt,
    });
  }
  return out;
}

/**
 * Adds the event's actor and targets whose accounts point to different people to `into` (one entry
 * per identity, counting events), for an admin to settle; the classifier leaves them unresolved.
 */
function noteAmbiguousIdentities(
  org: OrgChart,
  event: ActivityEvent,
  into: Map<string, IdentityConflictInput>,
): void {
  // Allocates nothing for an event without an ambiguous identity (nearly every event).
  let seen: Set<string> | null = null;
  for (let i = -1; i < event.targets.length; i++) {
    const identity = i < 0 ? event.actor : event.targets[i]!;
    const personIds = org.ambiguity(identity);
    if (personIds === null) continue;
    const { key, accounts } = identityAccounts(identity);
    seen ??= new Set<string>();
    if (seen.has(key)) continue;
    seen.add(key);
    const known = into.get(key);
    if (known) {
      known.events++;
      if (event.occurredAt > known.seenAt) known.seenAt = event.occurredAt;
    } else {
      into.set(key, { identityKey: key, identity: accounts, personIds, events: 1, seenAt: event.occurredAt });
    }
  }
}

function errorSummary(err: unknown): { code?: string; message: string } {
  if (isPushpullError(err)) return { code: err.code, message: err.message };
  return { message: err instanceof Error ? err.message : String(err) };
}
