import { z } from 'zod';
import { CORPUS_SOURCES } from '../src/model/corpus-source';

/** The three kinds of text the corpus covers, as the acceptance figures are reported (one definition, in src). */
export { CORPUS_SOURCES, type CorpusSource } from '../src/model/corpus-source';

/** The recorded data sets the corpus draws from (see `corpus/README.md` for their licences). */
export const CORPUS_ORIGINS = ['enron', 'irc', 'gitter', 'vcu', 'arya'] as const;
export type CorpusOrigin = (typeof CORPUS_ORIGINS)[number];

/** Train is fitted on, dev is tuned on, test is frozen and only measured. */
export const CORPUS_SPLITS = ['train', 'dev', 'test'] as const;
export type CorpusSplit = (typeof CORPUS_SPLITS)[number];

/**
 * One real message of the corpus, as written in `corpus/items/<source>.jsonl`. Items of one `thread`
 * are in `position` order; the whole thread sits in one split.
 */
export const CorpusItemSchema = z.object({
  id: z.string().regex(/^[ecg]\d{4,5}$/),
  source: z.enum(CORPUS_SOURCES),
  origin: z.enum(CORPUS_ORIGINS),
  /** The record's id in its data set (Message-ID, chat line id, comment row, sentence row). */
  record: z.string().min(1),
  thread: z.string().min(1),
  position: z.number().int().nonnegative(),
  split: z.enum(CORPUS_SPLITS),
  /** Email address or chat handle; GitHub records carry no author. */
  author: z.string().optional(),
  authorTitle: z.string().optional(),
  to: z.array(z.string()).optional(),
  cc: z.array(z.string()).optional(),
  toCount: z.number().int().nonnegative().optional(),
  ccCount: z.number().int().nonnegative().optional(),
  subject: z.string().optional(),
  date: z.string().optional(),
  /** Email: which rule cut a quoted or forwarded part off the body (null when nothing was cut). */
  quoted: z.string().optional(),
  /** Email: the first characters of the part that was cut (what the message replies to or forwards). */
  quotedPreview: z.string().optional(),
  community: z.string().optional(),
  /** GitHub: `issue` (the opening post), `comment`, or `sentence` (one sentence of a comment). */
  kind: z.enum(['issue', 'comment', 'sentence']).optional(),
  project: z.string().optional(),
  byIssueAuthor: z.boolean().optional(),
  firstTurn: z.boolean().optional(),
  text: z.string(),
});
export type CorpusItem = z.infer<typeof CorpusItemSchema>;
