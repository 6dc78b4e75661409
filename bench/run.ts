/**
 * Benchmarks. `npm run bench:pipeline` (or `npx tsx bench/run.ts pipeline`) measures the pipeline;
 * each figure is printed beside limits measured in the same run.
 */
import { runKafkaClientBench } from './bus/kafka-client-bench';
import { runClassifierBench } from './classifier/classifier-bench';
import { runDashboardBench } from './dashboard/dashboard-bench';
import { runDashboardConcurrencyBench } from './dashboard/dashboard-concurrency-bench';
import { runGithubSyncBench } from './github-sync/github-sync-bench';
import { runPipelineBench } from './pipeline/pipeline-bench';
import { runRebuildBench } from './rebuild/rebuild-bench';
import { runStartupBench } from './startup/startup-bench';

const which = process.argv[2] ?? 'pipeline';
if (which === 'pipeline') {
  await runPipelineBench({
    events: Number(process.env.BENCH_EVENTS ?? 200_000),
    scale: process.argv.includes('--scale') || process.env.BENCH_SCALE === '1',
  });
} else if (which === 'github-sync') {
  await runGithubSyncBench({
    repos: Number(process.env.BENCH_GITHUB_REPOS ?? 50),
    latencyMs: Number(process.env.BENCH_GITHUB_LATENCY_MS ?? 100),
    compareUnpaced: process.env.BENCH_GITHUB_UNPACED === '1',
  });
} else if (which === 'classifier') {
  await runClassifierBench({ events: Number(process.env.BENCH_EVENTS ?? 200_000) });
} else if (which === 'dashboard') {
  // BENCH_DASHBOARD_CASE=concurrency: the default simulation at 1 and 20 concurrent clients
  // (PGlite, and Postgres with DATABASE_URL); default: 5M events in Postgres (~12 minutes)
  const dashboardCase = process.env.BENCH_DASHBOARD_CASE ?? 'scale';
  if (dashboardCase === 'concurrency') {
    await runDashboardConcurrencyBench({
      people: Number(process.env.BENCH_PEOPLE ?? 80),
      days: Number(process.env.BENCH_DAYS ?? 90),
      seed: Number(process.env.BENCH_SEED ?? 42),
      clients: Number(process.env.BENCH_CLIENTS ?? 20),
      requests: Number(process.env.BENCH_REQUESTS ?? 200),
    });
  } else if (dashboardCase === 'scale') {
    await runDashboardBench({
      people: Number(process.env.BENCH_PEOPLE ?? 2000),
      events: Number(process.env.BENCH_EVENTS ?? 5_000_000),
      requests: Number(process.env.BENCH_REQUESTS ?? 200),
    });
  } else {
    process.stderr.write(`unknown BENCH_DASHBOARD_CASE ${dashboardCase}; available: scale, concurrency\n`);
    process.exit(1);
  }
} else if (which === 'rebuild') {
  await runRebuildBench({
    facts: Number(process.env.BENCH_FACTS ?? 1_000_000),
    reclassify: Number(process.env.BENCH_RECLASSIFY ?? 20_000),
    writeEvents: Number(process.env.BENCH_EVENTS ?? 200_000),
    writeBatch: Number(process.env.BENCH_BATCH ?? 2000),
  });
} else if (which === 'startup') {
  await runStartupBench({ runs: Number(process.env.BENCH_RUNS ?? 10) });
} else if (which === 'bus') {
  await runKafkaClientBench({
    brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
    records: Number(process.env.BENCH_EVENTS ?? 200_000),
    batch: Number(process.env.BENCH_BUS_BATCH ?? 800),
    rounds: Number(process.env.BENCH_BUS_ROUNDS ?? 4),
    partitions: Number(process.env.BENCH_BUS_PARTITIONS ?? 3),
    partitionBytes: Number(process.env.BENCH_BUS_PARTITION_BYTES ?? 1_048_576),
    platformaticHighWaterMark: Number(process.env.BENCH_BUS_PF_HWM ?? 4096),
  });
} else {
  process.stderr.write(
    `unknown benchmark ${which}; available: pipeline, github-sync, classifier, dashboard, rebuild, startup, bus
`,
  );
  process.exit(1);
}
