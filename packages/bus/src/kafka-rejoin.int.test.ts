import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { isPushpullError } from '@pushpull/core';
import { requireServices, uniqueName } from '@pushpull/testkit';
import { describe, expect, it } from 'vitest';
import { KafkaBus } from './kafka-bus';
import { kafkaBusWithLogs } from './testing/kafka-bus-with-logs';

const env = requireServices('bus rejoin on Kafka', ['KAFKA_BROKERS']);
const brokers = env ? env.KAFKA_BROKERS.split(',') : [];
const FIXTURE = fileURLToPath(new URL('./testing/kafka-member.fixture.ts', import.meta.url));

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Starts the fixture member in a child process and resolves once it holds its partitions. */
async function startMember(topic: string, groupId: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE, brokers.join(','), topic, groupId], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr.on('data', (d: Buffer) => {
    err += d.toString();
  });
  const deadline = Date.now() + 60_000;
  while (!out.includes('joined\n')) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`fixture member did not join (exit ${child.exitCode}): ${err.slice(-2000)}`);
    }
    await sleep(20);
  }
  return { child, output: () => out };
}

describe.skipIf(!env)('KafkaBus after kill -9 of a member', () => {
  it('a new member of the group resumes within the session timeout, and says it waits for partitions', async () => {
    const topic = uniqueName('bus-rejoin');
    const groupId = uniqueName('group');
    // Bus defaults, as the services use them: that is what the dead member's session is sized by.
    const { bus, logs } = kafkaBusWithLogs({ brokers });
    try {
      await bus.ensureTopics([topic], 3);
      const dead = await startMember(topic, groupId);
      await bus.publish(topic, [{ key: 'before', value: Buffer.from('before-kill') }]);
      const deadline0 = Date.now() + 30_000;
      // killed once its offset is committed: a kill between the handler and the commit is redelivered
      while (!dead.output().includes('committed ') && Date.now() < deadline0) await sleep(20);
      expect(dead.output()).toContain('message before-kill');
      expect(dead.output()).toContain('committed 1');
      dead.child.kill('SIGKILL'); // no LeaveGroup: the broker only learns from the session timeout
      await new Promise((resolve) => dead.child.once('exit', resolve));

      const received: string[] = [];
      const started = Date.now();
      const consumer = await bus.consume({
        topic,
        groupId,
        handler: async (batch) => {
          for (const m of batch.messages) received.push(m.value.toString('utf8'));
          return batch.messages.map(() => ({ kind: 'ok' }));
        },
      });
      const joinedMs = Date.now() - started;
      await bus.publish(topic, [{ key: 'after', value: Buffer.from('after-restart') }]);
      const sessionTimeoutMs = bus.consumerTuning.sessionTimeoutMs;
      // Generous: one session timeout for the dead member to expire, plus slack for a loaded machine.
      const boundMs = sessionTimeoutMs + 15_000;
      while (!received.includes('after-restart') && Date.now() - started < boundMs + 30_000) await sleep(20);
      const resumedMs = Date.now() - started;
      console.log(
        `rejoin after kill -9: joined in ${joinedMs} ms, consumed a new message ${resumedMs} ms after start (session timeout ${sessionTimeoutMs} ms)`,
      );
      expect(received).toContain('after-restart');
      expect(received).not.toContain('before-kill'); // its offset was committed by the dead member
      expect(resumedMs).toBeLessThan(boundMs);
      await consumer.stop();

      const mine = logs.filter((e) => e.source === 'bus' && e.fields.groupId === groupId);
      console.log(mine.map((e) => e.message).join('\n'));
      expect(mine.map((e) => e.message)).toEqual([
        expect.stringMatching(/^joining group .* waiting for partitions/),
        expect.stringMatching(/^assigned partitions 0,1,2 of /),
      ]);
    } finally {
      await bus.close();
    }
  });

  it('a configured session shorter than the broker allows fails at start with one error naming both settings', async () => {
    // infra/kafka sets group.min.session.timeout.ms to 1 000 (a stock broker: 6 000)
    const bus = new KafkaBus({
      brokers,
      clientId: uniqueName('bus-test'),
      sessionTimeoutMs: 500,
      heartbeatIntervalMs: 100,
      logSink: () => undefined,
    });
    try {
      const err = await bus
        .consume({ topic: uniqueName('bus-session'), groupId: uniqueName('group'), handler: async () => [] })
        .catch((e: unknown) => e);
      expect(isPushpullError(err, 'BUS_CONSUMER_FAILED')).toBe(true);
      expect((err as Error).message).toMatch(
        /group\.min\.session\.timeout\.ms.*\(sessionTimeoutMs is 500\)$/,
      );
    } finally {
      await bus.close();
    }
  });

  it('a refused session with a fallback goes on with the fallback, saying so once, for every later consumer too', async () => {
    const { bus, logs } = kafkaBusWithLogs({
      brokers,
      sessionTimeoutMs: 500,
      heartbeatIntervalMs: 100,
      sessionFallback: { sessionTimeoutMs: 6_000, heartbeatIntervalMs: 1_000 },
    });
    try {
      const handler = async () => [];
      const first = await bus.consume({
        topic: uniqueName('bus-session'),
        groupId: uniqueName('group'),
        handler,
      });
      const second = await bus.consume({
        topic: uniqueName('bus-session'),
        groupId: uniqueName('group'),
        handler,
      });
      expect(bus.consumerTuning.sessionTimeoutMs).toBe(6_000);
      expect(bus.consumerTuning.heartbeatIntervalMs).toBe(1_000);
      const said = logs.filter((e) => /refuses 500 ms consumer sessions/.test(e.message));
      expect(said).toHaveLength(1);
      expect(said[0]?.level).toBe('warn');
      await first.stop();
      await second.stop();
    } finally {
      await bus.close();
    }
  });
});
