/**
 * Kafka clients side by side: kafkajs (what `KafkaBus` uses) and @platformatic/kafka, each used
 * directly (no bus wrapper), on the same broker and the same topic, in one process and one run.
 *
 * - produce: N records of about 900 bytes (keys over 5,000 conversations), requests of `BATCH` records,
 *   one request in flight, idempotent producer, acks from every in-sync replica — what `KafkaPublisher`
 *   does; each client writes its own topic of the same shape.
 * - consume: a new consumer group reads one topic from its earliest offset to the N-th record, doing no
 *   work, committing the offset after every chunk of 500 records of a partition (the bus's default batch)
 *   with at most 2 commits in flight (the bus's default `maxInFlight`). Both clients read the SAME topic
 *   (the one kafkajs wrote), in alternating order over `rounds` rounds.
 *
 * Rates are records/s of wall-clock time (consume: from the first record received to the N-th, and from
 * the call that starts the consumer, group join included) and records per second of this process's CPU
 * time (user + system, GC included): on a machine shared with other work the CPU figure is the steadier
 * one, and it is what a CPU-bound pipeline pays.
 */
import { randomBytes } from 'node:crypto';
import {
  Admin,
  compatibilityPartitioner,
  Consumer as PfConsumer,
  type Message as PfMessage,
  Producer as PfProducer,
  ProduceAcks,
} from '@platformatic/kafka';
import { median } from '@pushpull/metrics';
import kafkajs from 'kafkajs';
import { say } from '../say';

const { Kafka, logLevel, Partitioners } = kafkajs;

/** Options of {@link runKafkaClientBench}. */
export interface KafkaClientBenchOptions {
  brokers: string[];
  /** Records per topic. */
  records: number;
  /** Records per produce request. */
  batch: number;
  /** Consume rounds (each round runs both clients once). */
  rounds: number;
  partitions: number;
  /** Largest fetch per partition, in bytes, for both clients. */
  partitionBytes: number;
  /**
   * Records @platformatic/kafka's stream buffers before it stops fetching (its `highWaterMark`; the
   * library's default is 1024, less than one fetch of 3 × 1 MB of 900-byte records).
   */
  platformaticHighWaterMark: number;
}

const VALUE_BYTES = 900;
const CHUNK = 500;
const MAX_INFLIGHT = 2;

interface Rate {
  /** Records per wall-clock second, first record to last. */
  steady: number;
  /** Records per wall-clock second, from starting the consumer (group join included). */
  withJoin: number;
  /** Records per second of this process's CPU time (user + system), from starting the client. */
  perCpu: number;
}

/** This process's CPU time so far, in ms. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function makeRecords(n: number): { key: string; value: Buffer }[] {
  const filler = randomBytes(VALUE_BYTES)
    .toString('base64')
    .slice(0, VALUE_BYTES - 60);
  return Array.from({ length: n }, (_, i) => ({
    key: `conversation-${i % 5000}`,
    value: Buffer.from(`{"id":"evt-${String(i).padStart(12, '0')}","text":"${filler}"}`.padEnd(VALUE_BYTES)),
  }));
}

function unique(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
}

/** Tracks per-partition chunks and keeps at most MAX_INFLIGHT commits running. */
class Committer {
  private inflight = 0;
  private waiters: (() => void)[] = [];
  private readonly all: Promise<void>[] = [];

  async commit(run: () => Promise<void>): Promise<void> {
    while (this.inflight >= MAX_INFLIGHT) await new Promise<void>((r) => this.waiters.push(r));
    this.inflight++;
    const p = run().finally(() => {
      this.inflight--;
      this.waiters.shift()?.();
    });
    this.all.push(p);
    await p;
  }

  get busy(): boolean {
    return this.inflight >= MAX_INFLIGHT;
  }

  settle(): Promise<unknown> {
    return Promise.all(this.all);
  }
}

/** One consume run's progress: records and bytes seen, when the first came, and the rates once all are in. */
class Progress {
  private count = 0;
  private bytes = 0;
  private first = 0;
  private readonly t0 = performance.now();
  private readonly cpu0 = cpuMs();
  private resolve!: (rate: Rate) => void;
  private reject!: (err: Error) => void;
  /** Resolves with the rates once `records` records are committed. */
  readonly done = new Promise<Rate>((resolve, reject) => {
    this.resolve = resolve;
    this.reject = reject;
  });

  constructor(private readonly records: number) {}

  received(valueBytes: number): void {
    if (this.first === 0) this.first = performance.now();
    this.bytes += valueBytes;
  }

  committed(n: number): void {
    const before = this.count;
    this.count += n;
    if (before >= this.records || this.count < this.records) return;
    const now = performance.now();
    const cpu = cpuMs() - this.cpu0;
    if (this.bytes < this.records * VALUE_BYTES) {
      this.reject(new Error(`read ${this.bytes} bytes of values, expected ${this.records * VALUE_BYTES}`));
      return;
    }
    this.resolve({
      steady: (this.records / (now - this.first)) * 1000,
      withJoin: (this.records / (now - this.t0)) * 1000,
      perCpu: (this.records / cpu) * 1000,
    });
  }
}

async function produceKafkajs(
  o: KafkaClientBenchOptions,
  topic: string,
  records: ReturnType<typeof makeRecords>,
) {
  const kafka = new Kafka({ clientId: 'bench-kafkajs', brokers: o.brokers, logLevel: logLevel.NOTHING });
  const producer = kafka.producer({
    idempotent: true,
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  const t0 = performance.now();
  const cpu0 = cpuMs();
  for (let i = 0; i < records.length; i += o.batch) {
    await producer.sendBatch({
      acks: -1,
      topicMessages: [{ topic, messages: records.slice(i, i + o.batch) }],
    });
  }
  const ms = performance.now() - t0;
  const cpu = cpuMs() - cpu0;
  await producer.disconnect();
  return { wall: (records.length / ms) * 1000, perCpu: (records.length / cpu) * 1000 };
}

async function producePlatformatic(
  o: KafkaClientBenchOptions,
  topic: string,
  records: ReturnType<typeof makeRecords>,
) {
  const producer = new PfProducer({
    clientId: 'bench-platformatic',
    bootstrapBrokers: o.brokers,
    idempotent: true,
    acks: ProduceAcks.ALL,
    autocreateTopics: false,
    // its default partitioner takes murmur2 >>> 0, not Kafka's murmur2 & 0x7fffffff: keys would land elsewhere
    partitioner: compatibilityPartitioner,
  });
  const keyed = records.map((r) => ({ topic, key: Buffer.from(r.key), value: r.value }));
  const t0 = performance.now();
  const cpu0 = cpuMs();
  for (let i = 0; i < keyed.length; i += o.batch) {
    await producer.send({ messages: keyed.slice(i, i + o.batch) });
  }
  const ms = performance.now() - t0;
  const cpu = cpuMs() - cpu0;
  await producer.close();
  return { wall: (records.length / ms) * 1000, perCpu: (records.length / cpu) * 1000 };
}

async function consumeKafkajs(o: KafkaClientBenchOptions, topic: string): Promise<Rate> {
  const kafka = new Kafka({ clientId: 'bench-kafkajs', brokers: o.brokers, logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({
    groupId: unique('bench-kafkajs'),
    sessionTimeout: 6_000,
    heartbeatInterval: 1_000,
    maxWaitTimeInMs: 500,
    maxBytesPerPartition: o.partitionBytes,
    maxBytes: 10 * 1024 * 1024,
    allowAutoTopicCreation: false,
  });
  const committer = new Committer();
  const progress = new Progress(o.records);
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    eachBatchAutoResolve: false,
    partitionsConsumedConcurrently: MAX_INFLIGHT,
    eachBatch: async ({ batch, resolveOffset, commitOffsetsIfNecessary }) => {
      for (let i = 0; i < batch.messages.length; i += CHUNK) {
        const chunk = batch.messages.slice(i, i + CHUNK);
        for (const m of chunk) progress.received(m.value?.length ?? 0);
        const last = chunk[chunk.length - 1]!.offset;
        resolveOffset(last);
        const offset = (BigInt(last) + 1n).toString();
        await committer.commit(() =>
          commitOffsetsIfNecessary({
            topics: [{ topic, partitions: [{ partition: batch.partition, offset }] }],
          }),
        );
        progress.committed(chunk.length);
      }
    },
  });
  const rate = await progress.done;
  await committer.settle();
  await consumer.disconnect();
  return rate;
}

async function consumePlatformatic(o: KafkaClientBenchOptions, topic: string): Promise<Rate> {
  const consumer = new PfConsumer({
    clientId: 'bench-platformatic',
    bootstrapBrokers: o.brokers,
    groupId: unique('bench-platformatic'),
    sessionTimeout: 6_000,
    heartbeatInterval: 1_000,
    rebalanceTimeout: 60_000,
    maxWaitTime: 500,
    maxBytesPerPartition: o.partitionBytes,
    maxBytes: 10 * 1024 * 1024,
    autocommit: false,
    highWaterMark: o.platformaticHighWaterMark,
  });
  const committer = new Committer();
  const pending = new Map<number, PfMessage[]>();
  const progress = new Progress(o.records);
  const stream = await consumer.consume({
    topics: [topic],
    mode: 'committed',
    fallbackMode: 'earliest',
    autocommit: false,
  });
  const flush = (partition: number, chunk: PfMessage[]) => {
    const last = chunk[chunk.length - 1]!;
    if (committer.busy) stream.pause();
    void committer
      .commit(async () => {
        await last.commit();
      })
      .then(() => {
        if (stream.isPaused() && !committer.busy) stream.resume();
        progress.committed(chunk.length);
      });
    pending.set(partition, []);
  };
  let received = 0;
  stream.on('data', (m: PfMessage) => {
    progress.received(m.value.length);
    received++;
    const list = pending.get(m.partition) ?? [];
    list.push(m);
    pending.set(m.partition, list);
    if (list.length >= CHUNK) flush(m.partition, list);
    // the last, partial chunk of each partition
    if (received === o.records) {
      for (const [partition, rest] of pending) if (rest.length > 0) flush(partition, rest);
    }
  });
  const rate = await progress.done;
  await committer.settle();
  await stream.close();
  await consumer.close();
  return rate;
}

function fmt(x: number): string {
  return Math.round(x).toLocaleString('en-US');
}

/**
 * Runs the comparison and prints one table; the ratio column is platformatic / kafkajs.
 *
 * @example await runKafkaClientBench({ brokers: ['127.0.0.1:9092'], records: 200_000, batch: 800, rounds: 4, partitions: 3, partitionBytes: 1_048_576, platformaticHighWaterMark: 4096 });
 */
export async function runKafkaClientBench(o: KafkaClientBenchOptions): Promise<void> {
  const admin = new Admin({ clientId: 'bench-admin', bootstrapBrokers: o.brokers });
  const topicA = unique('bench-clients-kafkajs');
  const topicB = unique('bench-clients-platformatic');
  await admin.createTopics({ topics: [topicA, topicB], partitions: o.partitions, replicas: 1 });
  const records = makeRecords(o.records);
  say(
    `${o.records} records of ${VALUE_BYTES} bytes, ${o.partitions} partitions, broker ${o.brokers.join(',')}`,
  );

  say('producing with kafkajs…');
  const produceJs = await produceKafkajs(o, topicA, records);
  say('producing with @platformatic/kafka…');
  const producePf = await producePlatformatic(o, topicB, records);

  const js: Rate[] = [];
  const pf: Rate[] = [];
  for (let round = 0; round < o.rounds; round++) {
    const order = round % 2 === 0 ? (['js', 'pf'] as const) : (['pf', 'js'] as const);
    for (const which of order) {
      say(`round ${round + 1}: consuming with ${which === 'js' ? 'kafkajs' : '@platformatic/kafka'}…`);
      if (which === 'js') js.push(await consumeKafkajs(o, topicA));
      else pf.push(await consumePlatformatic(o, topicA));
    }
  }
  await admin.deleteTopics({ topics: [topicA, topicB] }).catch(() => undefined);
  await admin.close();

  const med = (rs: Rate[], f: (r: Rate) => number) => median(rs.map(f)) ?? Number.NaN;
  const rows = [
    ['produce, wall clock', produceJs.wall, producePf.wall],
    ['produce, per CPU second', produceJs.perCpu, producePf.perCpu],
    ['consume, wall clock (median)', med(js, (r) => r.steady), med(pf, (r) => r.steady)],
    ['consume, with group join (median)', med(js, (r) => r.withJoin), med(pf, (r) => r.withJoin)],
    ['consume, per CPU second (median)', med(js, (r) => r.perCpu), med(pf, (r) => r.perCpu)],
  ] as const;
  console.log(
    `\nKafka clients, ${fmt(o.records)} records of ${VALUE_BYTES} B, ${o.partitions} partitions, requests of ${o.batch}, fetch ≤ ${fmt(o.partitionBytes)} B/partition, platformatic highWaterMark ${o.platformaticHighWaterMark}, ${o.rounds} consume rounds\n`,
  );
  console.log(
    '| records/s                         |    kafkajs | @platformatic/kafka 1.35 | platformatic / kafkajs |',
  );
  console.log(
    '| --------------------------------- | ---------: | -----------------------: | ---------------------: |',
  );
  for (const [name, a, b] of rows) {
    console.log(
      `| ${name.padEnd(33)} | ${fmt(a).padStart(10)} | ${fmt(b).padStart(24)} | ${`${(b / a).toFixed(2)}×`.padStart(22)} |`,
    );
  }
  console.log(
    `\nconsume rounds, wall / per CPU s: kafkajs ${js.map((r) => `${fmt(r.steady)}/${fmt(r.perCpu)}`).join(', ')}; platformatic ${pf.map((r) => `${fmt(r.steady)}/${fmt(r.perCpu)}`).join(', ')}`,
  );
}
