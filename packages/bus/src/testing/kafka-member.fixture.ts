/**
 * Test fixture, not exported: one {@link KafkaBus} consumer in a process of its own, so that a test can
 * kill it with SIGKILL (no LeaveGroup, sockets dropped by the kernel) like `kill -9` of a service.
 *
 * Run: `node --import tsx kafka-member.fixture.ts <brokers> <topic> <groupId>`; prints `joined` once the
 * member holds its partitions, `message <value>` for every message it consumes and `committed <n>` once a
 * batch of n messages is committed (a test kills it only after that, or the next member reads it again).
 */
import { KafkaBus } from '../kafka-bus';

const [brokers = '', topic = '', groupId = ''] = process.argv.slice(2);
const bus = new KafkaBus({
  brokers: brokers.split(','),
  clientId: 'bus-kill-test',
  logSink: () => undefined,
});
await bus.consume({
  topic,
  groupId,
  handler: async (batch) => {
    for (const m of batch.messages) process.stdout.write(`message ${m.value.toString('utf8')}\n`);
    return batch.messages.map(() => ({ kind: 'ok' }));
  },
  onBatchDone: (stats) => {
    process.stdout.write(`committed ${stats.size}\n`);
  },
});
process.stdout.write('joined\n');
setInterval(() => undefined, 60_000);
