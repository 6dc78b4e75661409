import {
  CLASSIFIER_VERSION,
  type ClassifierModel,
  classifyEvent,
  defaultClassifierModel,
  InMemoryConversationMemory,
  SENTENCE_CACHE_SIZE,
  setSentenceCacheSize,
} from '@pushpull/classifier';
import { corpusEvents, groupBy, loadCorpusItems } from '@pushpull/classifier/eval';
import { type ActivityEvent, ActivityEventSchema } from '@pushpull/core';
import { OrgChart } from '@pushpull/org';
import { say } from '../say';
import { simulateEvents } from '../simulate-events';

/** Options of {@link runClassifierBench}. */
export interface ClassifierBenchOptions {
  /** How many simulated events to classify (the issue asks for 200k). */
  events: number;
}

/** One measured pass over the events. */
export interface ClassifierBenchFigure {
  what: string;
  events: number;
  seconds: number;
  eventsPerSecond: number;
  /** Peak resident set size seen during the pass, MB. */
  peakRssMb: number;
  /**
   * Events per second of this process's CPU time (user + system) during the pass: on a shared machine
   * wall time also counts the time other jobs held the core, CPU time much less.
   */
  eventsPerCpuSecond: number;
}

/** What the rules alone must reach on one core (issue 3). */
export const CLASSIFIER_TARGET_PER_SECOND = 50_000;
/** What the classifier with its learned layer must reach on one core (issue 11). */
export const LEARNED_TARGET_PER_SECOND = 20_000;

/**
 * Runs `work(i)` for i in [0, n) synchronously on this thread and measures it; the RSS is sampled
 * every 5,000 calls (a synchronous loop gives timers no chance to run).
 */
function measure(what: string, n: number, work: (i: number) => void): ClassifierBenchFigure {
  let peak = process.memoryUsage().rss;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    work(i);
    if (i % 5000 === 4999) peak = Math.max(peak, process.memoryUsage().rss);
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  peak = Math.max(peak, process.memoryUsage().rss);
  return {
    what,
    events: n,
    seconds,
    eventsPerSecond: n / seconds,
    peakRssMb: Math.round(peak / 1e6),
    eventsPerCpuSecond: n / ((cpu.user + cpu.system) / 1e6),
  };
}

/**
 * `npm run bench:classifier`: classification alone (`classifyEvent` with an in-memory conversation
 * memory, one thread, so one core) over `events` simulated events, beside a baseline measured in the
 * same run on the same events: JSON.parse plus ActivityEvent schema validation, the least any
 * consumer of the raw topic does per event. The classifier is measured as shipped (learned layer on
 * top of the rules, with its sentence cache), as 0.2.0 labelled (the rules alone), both with the cache
 * off, and both on real text (the corpus's test split, repeated to the same count). Prints a table
 * with events/s and the peak RSS of each pass, and each pass's ratio to the baseline.
 *
 * @example await runClassifierBench({ events: 200_000 });
 */
export async function runClassifierBench(options: ClassifierBenchOptions): Promise<ClassifierBenchFigure[]> {
  say(`simulating ${options.events} events…`);
  const { org: rows, events } = simulateEvents(options.events);
  const org = OrgChart.fromRows(rows);
  const lines = events.map((e) => JSON.stringify(e));
  const learned = defaultClassifierModel();
  const classifyAll = (what: string, model: ClassifierModel | null, input = events) => {
    const memory = new InMemoryConversationMemory();
    return measure(what, input.length, (i) => {
      classifyEvent(input[i]!, { org, memory, model });
    });
  };
  // Real text is longer and messier than simulated text: the corpus's test split, as its threads come,
  // repeated (ids made unique) to the same number of events.
  const real: ActivityEvent[] = [];
  const threads = groupBy(
    loadCorpusItems().filter((i) => i.split === 'test'),
    (i) => i.thread,
  );
  const realOnce = [...threads.values()].flatMap((t) => corpusEvents(t));
  for (let round = 0; real.length < events.length; round++) {
    for (const e of realOnce) {
      if (real.length >= events.length) break;
      real.push({ ...e, id: `${e.id}#${round}`, conversationId: `${e.conversationId}#${round}` });
    }
  }

  say('warming up…');
  const warm = new InMemoryConversationMemory();
  for (const e of events.slice(0, Math.min(20_000, events.length))) classifyEvent(e, { org, memory: warm });
  for (const e of real.slice(0, 5_000)) classifyEvent(e, { org, memory: warm });
  for (const l of lines.slice(0, 20_000)) ActivityEventSchema.parse(JSON.parse(l));

  const figures: ClassifierBenchFigure[] = [];
  say('baseline: JSON.parse + schema validation…');
  figures.push(
    measure('baseline: JSON.parse + ActivityEvent schema', lines.length, (i) =>
      ActivityEventSchema.parse(JSON.parse(lines[i]!)),
    ),
  );
  const previous = '0.2.0 rules alone';
  say(`classification, ${CLASSIFIER_VERSION} as shipped…`);
  setSentenceCacheSize(SENTENCE_CACHE_SIZE);
  figures.push(classifyAll(`${CLASSIFIER_VERSION} learned layer (as shipped)`, learned));
  say(`classification, ${previous}…`);
  figures.push(classifyAll(previous, null));
  say('classification, sentence cache off…');
  setSentenceCacheSize(0);
  figures.push(classifyAll(`${CLASSIFIER_VERSION} learned layer, sentence cache off`, learned));
  figures.push(classifyAll(`${previous}, sentence cache off`, null));
  setSentenceCacheSize(SENTENCE_CACHE_SIZE);
  say('classification of real text (the corpus test split, repeated)…');
  figures.push(classifyAll(`${CLASSIFIER_VERSION} learned layer, real text`, learned, real));
  figures.push(classifyAll(`${previous}, real text`, null, real));

  const out = [
    `classifier benchmark: ${events.length} simulated events, one thread (one core), node ${process.version}`,
    `${'what'.padEnd(48)}${'events/s'.padStart(12)}${'seconds'.padStart(10)}${'peak RSS MB'.padStart(14)}${'events/CPU s'.padStart(14)}`,
    ...figures.map(
      (f) =>
        `${f.what.padEnd(48)}${Math.round(f.eventsPerSecond).toString().padStart(12)}${f.seconds.toFixed(2).padStart(10)}${f.peakRssMb.toString().padStart(14)}${Math.round(f.eventsPerCpuSecond).toString().padStart(14)}`,
    ),
    `ratios against the baseline: ${figures
      .slice(1)
      .map((f) => `${f.what} ${(f.eventsPerSecond / figures[0]!.eventsPerSecond).toFixed(2)}×`)
      .join(', ')}`,
    `target: ≥ ${LEARNED_TARGET_PER_SECOND} events/s with the learned layer — ${
      figures[1]!.eventsPerSecond >= LEARNED_TARGET_PER_SECOND ? 'met' : 'NOT met'
    } on simulated text, ${figures[5]!.eventsPerSecond >= LEARNED_TARGET_PER_SECOND ? 'met' : 'NOT met'} on real text; ` +
      `≥ ${CLASSIFIER_TARGET_PER_SECOND} for the rules alone — ${figures[2]!.eventsPerSecond >= CLASSIFIER_TARGET_PER_SECOND ? 'met' : 'NOT met'}`,
  ];
  process.stdout.write(`${out.join('\n')}\n`);
  return figures;
}
