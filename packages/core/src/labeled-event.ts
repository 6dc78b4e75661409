import { z } from 'zod';
import { TargetSchema } from './identity';

export const MODES = ['push', 'pull', 'neutral'] as const;
export const ModeSchema = z.enum(MODES);
export type Mode = z.infer<typeof ModeSchema>;

export const INITIATIVES = ['proactive', 'responsive'] as const;
export const InitiativeSchema = z.enum(INITIATIVES);
export type Initiative = z.infer<typeof InitiativeSchema>;

export const DIRECTIONS = ['up', 'down', 'peer', 'lateral', 'external', 'unknown'] as const;
export const DirectionSchema = z.enum(DIRECTIONS);
export type Direction = z.infer<typeof DirectionSchema>;

/** One author → counterpart edge of a labeled event. */
export const EdgeSchema = z.object({
  target: TargetSchema,
  personId: z.string().nullable(),
  direction: DirectionSchema,
  distance: z.number().int().positive().nullable(),
});
export type Edge = z.infer<typeof EdgeSchema>;

/** One edge standing for a whole audience (a big channel, a distribution list). */
export const BroadcastEdgeSchema = z.object({
  broadcast: z.literal(true),
  audience: z.object({
    kind: z.string(),
    id: z.string().nullable().optional(),
    size: z.number().int().nullable(),
  }),
  mix: z.record(DirectionSchema, z.number().int().nonnegative()),
});
export type BroadcastEdge = z.infer<typeof BroadcastEdgeSchema>;

/**
 * The classifier's verdict on one ActivityEvent (docs/contracts.md §3). Carries no message text.
 * `occurredAt` and `source` are copied from the event so the aggregator needs nothing else.
 */
export const LabeledEventSchema = z
  .object({
    id: z.string().min(1).max(512),
    mode: ModeSchema,
    initiative: InitiativeSchema.nullable(),
    confidence: z.number().min(0).max(1),
    reasons: z.array(z.string().min(1)),
    classifierVersion: z.string().min(1),
    actor: z.object({ personId: z.string().nullable() }),
    edges: z.array(z.union([EdgeSchema, BroadcastEdgeSchema])),
    occurredAt: z.iso.datetime({ offset: true }).optional(),
    source: z.string().optional(),
    type: z.string().optional(),
    url: z.string().nullable().optional(),
    /** For a responsive push: the id of the pull (event) it answered, when known; else null/absent. */
    respondsTo: z.string().min(1).max(512).nullable().optional(),
  })
  .refine((l) => l.mode === 'push' || l.initiative === null, {
    message: 'initiative must be null unless mode is push',
    path: ['initiative'],
  });
export type LabeledEvent = z.infer<typeof LabeledEventSchema>;

/** True for a broadcast edge. */
export function isBroadcastEdge(edge: Edge | BroadcastEdge): edge is BroadcastEdge {
  return 'broadcast' in edge;
}
