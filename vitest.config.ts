import { defineConfig } from 'vitest/config';

/** The fault suite that restarts the broker every other suite uses (when infra/kafka started it). */
const BROKER_RESTART = 'test/faults/broker-outage.test.ts';

export default defineConfig({
  test: {
    globalSetup: ['test/support/build-before-tests.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'packages/**/src/**/*.test.ts',
            'packages/classifier/eval/**/*.test.ts',
            'packages/classifier/train/**/*.test.ts',
            'services/**/src/**/*.test.ts',
            'infra/**/*.test.ts',
            'test/doubles/**/*.test.ts',
            'scripts/**/*.test.ts',
          ],
          exclude: ['**/node_modules/**', '**/*.int.test.ts'],
          // Generous bounds: CI machines are shared and slow at times; speed is measured by bench/.
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // Two files at a time even on 2 cores (vitest's default is cores − 1): many unit suites
          // wait on child processes and the embedded database rather than on the CPU.
          maxWorkers: 2,
          // One module graph per worker rather than per file: the suites hold no module-level state
          // between files (no vi.mock, no global stubs), and re-importing the workspace for each of
          // ~180 files cost more than a third of the unit phase.
          isolate: false,
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: 'integration',
          include: [
            'packages/**/src/**/*.int.test.ts',
            'packages/classifier/train/**/*.int.test.ts',
            'services/**/src/**/*.int.test.ts',
            'test/**/*.test.ts',
          ],
          exclude: ['**/node_modules/**', 'test/doubles/**/*.test.ts', 'test/faults/**'],
          // Three files at a time on 2 cores: each has its own databases, topics, namespaces, ports and
          // data folders, and most of their time is spent waiting on Kafka, Postgres and child processes.
          maxWorkers: 3,
          sequence: { groupOrder: 1 },
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        // Faults (a process killed, a dependency of the test's own cut: a private Postgres or Redis, a
        // proxy) in the integration suites' pool of three: each owns the processes and servers it breaks,
        // so no other suite sees the fault, and most of its time is spent waiting for a recovery.
        test: {
          name: 'faults',
          include: ['test/faults/**/*.test.ts'],
          exclude: ['**/node_modules/**', BROKER_RESTART],
          maxWorkers: 3, // vitest requires the same pool size for projects of the same group
          sequence: { groupOrder: 1 },
          testTimeout: 300_000,
          hookTimeout: 120_000,
        },
      },
      {
        // The one fault that stops and restarts the shared broker: last, with nothing beside it.
        test: {
          name: 'broker-restart',
          include: [BROKER_RESTART],
          maxWorkers: 1,
          sequence: { groupOrder: 2 },
          testTimeout: 300_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
