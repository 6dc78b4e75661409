import { z } from 'zod';
import { IdentitySchema, TargetSchema } from './identity';

export const SOURCES = ['github', 'slack', 'outlook'] as const;
export const SourceSchema = z.enum(SOURCES);
export type Source = z.infer<typeof SourceSchema>;

/** Event types of docs/contracts.md §2. Others are accepted if they start with their source. */
export const KNOWN_EVENT_TYPES = [
  'github.pull_request.opened',
  'github.pull_request.review_requested',
  'github.pull_request_review.submitted',
  'github.issue.opened',
  'github.issue.assigned',
  'github.issue_comment.created',
  'github.pull_request_review_comment.created',
  'slack.message.posted',
  'outlook.message.sent',
  'outlook.event.organized',
] as const;
export type KnownEventType = (typeof KNOWN_EVENT_TYPES)[number];

export const AudienceSchema = z.object({
  kind: z.string().min(1),
  id: z.string().nullable().optional(),
  size: z.number().int().nonnegative().nullable().optional(),
});
export type Audience = z.infer<typeof AudienceSchema>;

/**
 * One unit of activity as a connector emits it (docs/contracts.md §2). `id` is deterministic and the
 * idempotency key end to end.
 */
export const ActivityEventSchema = z
  .object({
    id: z.string().min(1).max(512),
    source: SourceSchema,
    type: z.string().regex(/^[a-z]+\.[a-z_]+\.[a-z_]+$/, 'type must look like source.object.action'),
    occurredAt: z.iso.datetime({ offset: true }),
    actor: IdentitySchema,
    targets: z.array(TargetSchema).default([]),
    conversationId: z.string().nullable().optional(),
    inReplyTo: z.string().nullable().optional(),
    subject: z.string().nullable().optional(),
    text: z.string().nullable().optional(),
    url: z.string().nullable().optional(),
    audience: AudienceSchema.nullable().optional(),
    attributes: z.record(z.string(), z.unknown()).default({}),
  })
  .refine((e) => e.type.startsWith(`${e.source}.`), {
    message: 'type must start with the source name',
    path: ['type'],
  });
export type ActivityEvent = z.infer<typeof ActivityEventSchema>;
export type ActivityEventInput = z.input<typeof ActivityEventSchema>;
