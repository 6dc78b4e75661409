/**
 * Benchmarks. `npm run bench:pipeline` (or `npx tsx bench/run.ts pipeline`) measures the pipeline;
 * each figure is printed beside limits measured in the same run.
 */
import { runPipelineBench } from './pipeline/pipeline-bench';

const which = process.argv[2] ?? 'pipeline';
if (which === 'pipeline') {
  await runPipelineBench({ events: Number(process.env.BENCH_EVENTS ?? 200_000) });
} else {
  process.stderr.write(`unknown benchmark ${which}; available: pipeline\n`);
  process.exit(1);
}
