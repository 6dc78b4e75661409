import { PushpullError, shippedFileUrl } from '@pushpull/core';
import { z } from 'zod';
import { CLASSIFIER_VERSION } from '../classifier-version';
import { INITIATIVE_CLASSES, MODE_CLASSES } from './classifier-model';
import { CORPUS_SOURCES, type CorpusSource } from './corpus-source';
import { committedJsonOnce } from './read-committed-json';

/** A published confusion matrix: `counts[g][p]` items of gold `labels[g]` predicted as `labels[p]`. */
export interface PublishedMatrix {
  labels: string[];
  counts: number[][];
}

/** The classifier's confusion on the real corpus's frozen test split, per corpus source. */
export interface PublishedConfusion {
  /** The classifier version the figures belong to (`CLASSIFIER_VERSION`). */
  version: string;
  sources: Record<
    CorpusSource,
    {
      /** Over every test item of the source; labels push, pull, neutral. */
      mode: PublishedMatrix;
      /**
       * Labels responsive, proactive; over the test items whose gold mode is push, whose gold
       * initiative is responsive or proactive (not `unclear`) and which the classifier labelled push:
       * the initiative's error among predicted pushes. Gold pushes predicted otherwise are in `mode`.
       */
      initiative: PublishedMatrix;
    }
  >;
}

/** Where the published accuracy is: what `npm run train` wrote beside the weights. */
export const ACCURACY_FILE_URL = shippedFileUrl(
  'accuracy.json',
  new URL('../../model/accuracy.json', import.meta.url),
);

const matrixSchema = (labels: readonly string[]) =>
  z.object({
    labels: z
      .array(z.string())
      .refine((l) => l.join() === labels.join(), { message: `labels must be ${labels.join(', ')}` }),
    counts: z
      .array(z.array(z.number().int().nonnegative()).length(labels.length))
      .length(labels.length, { message: `counts must be ${labels.length} rows` }),
  });

const sum = (counts: readonly (readonly number[])[]) =>
  counts.reduce((total, row) => total + row.reduce((a, b) => a + b, 0), 0);

const sourceSchema = z
  .object({
    items: z.number().int().nonnegative(),
    confusion: matrixSchema(MODE_CLASSES),
    initiativeConfusion: matrixSchema(INITIATIVE_CLASSES),
  })
  .refine((s) => sum(s.confusion.counts) === s.items, {
    message: 'the mode counts must add up to the items',
    path: ['confusion'],
  })
  .refine((s) => sum(s.initiativeConfusion.counts) <= (s.confusion.counts[0]?.[0] ?? 0), {
    message: 'the initiative counts cannot exceed the gold pushes predicted push',
    path: ['initiativeConfusion'],
  });

/** The part of `model/accuracy.json` the confusion is read from (the file holds more figures). */
export const PublishedAccuracySchema = z.object({
  version: z.string().min(1),
  split: z.literal('test'),
  sources: z.object({ email: sourceSchema, chat: sourceSchema, github: sourceSchema }),
});

/**
 * The published confusion from a parsed accuracy file, checked (labels, shapes, sums) and for this
 * classifier version; deeply frozen. A bad or stale file throws CLASSIFIER_BAD_ACCURACY naming what.
 *
 * @example publishedConfusionFrom(JSON.parse(text)).sources.chat.mode.counts
 */
export function publishedConfusionFrom(file: unknown): PublishedConfusion {
  const parsed = PublishedAccuracySchema.safeParse(file);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new PushpullError(
      'CLASSIFIER_BAD_ACCURACY',
      `bad published accuracy: ${issue?.path.join('.')}: ${issue?.message}`,
    );
  }
  if (parsed.data.version !== CLASSIFIER_VERSION) {
    throw new PushpullError(
      'CLASSIFIER_BAD_ACCURACY',
      `the published accuracy is for classifier ${parsed.data.version}, not ${CLASSIFIER_VERSION} (run npm run train)`,
    );
  }
  const matrix = (m: { labels: string[]; counts: number[][] }): PublishedMatrix =>
    Object.freeze({
      labels: Object.freeze([...m.labels]) as string[],
      counts: Object.freeze(m.counts.map((row) => Object.freeze([...row]) as number[])) as number[][],
    });
  const sources = {} as PublishedConfusion['sources'];
  for (const source of CORPUS_SOURCES) {
    const s = parsed.data.sources[source];
    sources[source] = Object.freeze({
      mode: matrix(s.confusion),
      initiative: matrix(s.initiativeConfusion),
    });
  }
  return Object.freeze({ version: parsed.data.version, sources: Object.freeze(sources) });
}

/**
 * The confusion matrices of the classifier in use (`CLASSIFIER_VERSION`, the committed model) on the
 * real corpus's frozen test split, per corpus source — rows gold, columns predicted — for correcting
 * counts of labels ("adjusted classify-and-count"). Read from `model/accuracy.json` the first time it
 * is asked for and kept (frozen). Map an event's source with `corpusSourceOf`.
 *
 * @example
 * const { mode, initiative } = publishedConfusion().sources[corpusSourceOf('slack')];
 * mode.labels // ['push', 'pull', 'neutral']; initiative.labels // ['responsive', 'proactive']
 */
export const publishedConfusion: () => PublishedConfusion = committedJsonOnce(
  ACCURACY_FILE_URL,
  'the published accuracy',
  'CLASSIFIER_BAD_ACCURACY',
  publishedConfusionFrom,
);
