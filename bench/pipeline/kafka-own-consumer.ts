import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** What Kafka's own consumer measured, or why it could not run. */
export type OwnConsumerResult = { seconds: number; fetchSeconds: number } | { skipped: string };

/** The jars `infra/kafka/start.sh` caches (same variables, same defaults). */
function kafkaHome(): string {
  const cache = process.env.PUSHPULL_CACHE ?? join(homedir(), '.cache', 'pushpull');
  return join(cache, `kafka-${process.env.KAFKA_VERSION ?? '4.1.1'}`);
}

/**
 * Kafka's own consumer (`kafka-consumer-perf-test`, class `org.apache.kafka.tools.ConsumerPerformance`
 * from the jars `infra/kafka` cached) reading `messages` records of `topic` from the earliest offset in
 * a fresh group: the limit of the broker on this machine for the records the pipeline reads. Returns
 * the whole run (group join included) and its fetch time alone, as the tool prints them.
 *
 * @example await kafkaOwnConsumer({ bootstrap: '127.0.0.1:9092', topic, messages: 200_000 });
 */
export async function kafkaOwnConsumer(options: {
  bootstrap: string;
  topic: string;
  messages: number;
}): Promise<OwnConsumerResult> {
  const home = kafkaHome();
  const libs = join(home, 'libs');
  if (!existsSync(join(libs, '.complete'))) {
    return { skipped: `no Kafka jars in ${libs} (run infra/kafka/start.sh once)` };
  }
  const log4j = join(home, `conf-${options.bootstrap.split(':')[1] ?? '9092'}`, 'tools-log4j2.properties');
  const args = [
    '-Xmx512m',
    ...(existsSync(log4j) ? [`-Dlog4j2.configurationFile=${log4j}`] : []),
    '-cp',
    `${libs}/*`,
    'org.apache.kafka.tools.ConsumerPerformance',
    '--bootstrap-server',
    options.bootstrap,
    '--topic',
    options.topic,
    '--messages',
    String(options.messages),
    '--group',
    `bench-own-consumer-${Date.now()}`,
    '--timeout',
    '60000',
  ];
  const out = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn('java', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', (err) => resolve({ code: -1, stdout, stderr: String(err) }));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
  if (out.code !== 0) {
    return { skipped: `kafka-consumer-perf-test exited ${out.code}: ${out.stderr.trim().split('\n').pop()}` };
  }
  // Header then one line: start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg,
  // nMsg.sec, rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec
  const lines = out.stdout.trim().split('\n');
  const header = lines.findIndex((l) => l.startsWith('start.time'));
  const values = lines[header + 1]?.split(',').map((v) => v.trim());
  const consumed = Number(values?.[4]);
  const rate = Number(values?.[5]);
  const fetchMs = Number(values?.[7]);
  if (!values || !(consumed > 0) || !(rate > 0)) {
    return { skipped: `kafka-consumer-perf-test printed no figures: ${lines.slice(-2).join(' / ')}` };
  }
  if (consumed < options.messages) {
    return { skipped: `kafka-consumer-perf-test read ${consumed} of ${options.messages} records` };
  }
  return { seconds: consumed / rate, fetchSeconds: fetchMs / 1000 };
}
