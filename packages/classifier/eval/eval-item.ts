import { InitiativeSchema, ModeSchema } from '@pushpull/core';
import { z } from 'zod';

/** The sources of the development set, one data file each. */
export const EVAL_SOURCES = ['email', 'chat', 'github'] as const;
export type EvalSource = (typeof EVAL_SOURCES)[number];

/** GitHub item kinds and the ActivityEvent types they become. */
export const GITHUB_KINDS = {
  comment: 'github.issue_comment.created',
  review_comment: 'github.pull_request_review_comment.created',
  review: 'github.pull_request_review.submitted',
  issue: 'github.issue.opened',
  pr: 'github.pull_request.opened',
  review_requested: 'github.pull_request.review_requested',
  assigned: 'github.issue.assigned',
} as const;

/**
 * One labelled item of the development set, as written in `eval/data/<source>.jsonl`. People are
 * named by the local part of their org email (`tom`), or by GitHub login on GitHub; `ext:…` is
 * someone outside the org and `list:…` a distribution list. A target may carry its role after a
 * colon (`ana:author`). Items of one `conv` are one conversation, in file order.
 */
export const EvalItemSchema = z
  .object({
    id: z.string().regex(/^[a-z]\d{3}$/),
    conv: z.string().min(1),
    from: z.string().min(1),
    to: z.array(z.string().min(1)).default([]),
    cc: z.array(z.string().min(1)).optional(),
    subject: z.string().nullable().optional(),
    text: z.string().nullable().optional(),
    /** Gold mode. */
    mode: ModeSchema,
    /** Gold initiative: set for pushes only. */
    init: InitiativeSchema.nullable(),
    /** Why the gold label is what it is, in one line. */
    why: z.string().min(3),
    /** Where the text comes from: `written`, or the openly licensed corpus and record it derives from. */
    src: z.string().min(1),
    /** Email: size of the distribution list it went to. */
    list: z.number().int().positive().optional(),
    /** Chat: `im`, `mpim` or a channel name starting with `#`. */
    ch: z.string().optional(),
    /** Chat: channel size. */
    size: z.number().int().positive().optional(),
    /** The id of the item this one replies to (a Slack thread parent, a review comment). */
    reply: z.string().optional(),
    /** GitHub: the kind of activity (default `comment`). */
    kind: z.enum(Object.keys(GITHUB_KINDS) as [keyof typeof GITHUB_KINDS]).optional(),
    /** GitHub reviews: `approved`, `changes_requested` or `commented`. */
    state: z.string().optional(),
  })
  .refine((i) => (i.mode === 'push') === (i.init !== null), {
    message: 'init is required for pushes and must be null otherwise',
    path: ['init'],
  });
export type EvalItem = z.infer<typeof EvalItemSchema>;

/** An item with the source it belongs to. */
export interface SourcedItem extends EvalItem {
  source: EvalSource;
}

/**
 * Parses one data file (JSON lines; blank lines skipped). Throws with the line number on a bad line.
 *
 * @example parseEvalItems('{"id":"c001","conv":"c1","from":"ana","text":"hi","mode":"neutral","init":null,"why":"greeting","src":"written"}', 'chat')[0].source === 'chat'
 */
export function parseEvalItems(jsonl: string, source: EvalSource): SourcedItem[] {
  const items: SourcedItem[] = [];
  jsonl.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch (error) {
      throw new Error(`${source}.jsonl line ${index + 1}: not JSON (${(error as Error).message})`);
    }
    const parsed = EvalItemSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`${source}.jsonl line ${index + 1}: ${issue?.path.join('.')} ${issue?.message}`);
    }
    items.push({ ...parsed.data, source });
  });
  return items;
}
