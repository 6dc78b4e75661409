import { InitiativeSchema, ModeSchema } from '@pushpull/core';
import { z } from 'zod';

/**
 * One annotator's label of one corpus item (`corpus/labels/annotator-{a,b}.jsonl`): mode, initiative
 * for pushes (`unclear` when the text cannot tell), and the annotator's confidence (1 guess, 2 probably,
 * 3 clear).
 */
export const CorpusLabelSchema = z
  .object({
    id: z.string().regex(/^[ecg]\d{4,5}$/),
    mode: ModeSchema,
    init: z.union([InitiativeSchema, z.literal('unclear')]).nullable(),
    conf: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  })
  .refine((l) => (l.mode === 'push') === (l.init !== null), {
    message: 'init is required for pushes and must be null otherwise',
    path: ['init'],
  });
export type CorpusLabel = z.infer<typeof CorpusLabelSchema>;

/**
 * The gold label of a corpus item (`corpus/labels/gold.jsonl`): what both annotators agreed on, or
 * the adjudicator's decision where they did not.
 */
export const GoldLabelSchema = z
  .object({
    id: z.string().regex(/^[ecg]\d{4,5}$/),
    mode: ModeSchema,
    init: z.union([InitiativeSchema, z.literal('unclear')]).nullable(),
    by: z.enum(['agreed', 'adjudicated']),
  })
  .refine((l) => (l.mode === 'push') === (l.init !== null), {
    message: 'init is required for pushes and must be null otherwise',
    path: ['init'],
  });
export type GoldLabel = z.infer<typeof GoldLabelSchema>;
