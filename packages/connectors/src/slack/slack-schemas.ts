import { z } from 'zod';

/**
 * The parts of Slack Web API responses the connector reads, parsed at the boundary. Objects are
 * loose: Slack adds fields often, and only the fields named here are relied on.
 */

const ResponseMetadataSchema = z.looseObject({ next_cursor: z.string().optional() }).optional().nullable();

/** A message of `conversations.history` / `conversations.replies`. */
export const SlackMessageSchema = z.looseObject({
  type: z.string().optional(),
  subtype: z.string().optional().nullable(),
  ts: z.string().regex(/^\d+(\.\d+)?$/, 'ts must look like 1459332000.000101'),
  user: z.string().optional().nullable(),
  bot_id: z.string().optional().nullable(),
  text: z.string().optional().nullable(),
  thread_ts: z.string().optional().nullable(),
  parent_user_id: z.string().optional().nullable(),
  /** A thread broadcast carries its thread's parent here. */
  root: z.looseObject({ user: z.string().optional().nullable() }).optional().nullable(),
  reply_count: z.number().optional().nullable(),
  latest_reply: z.string().optional().nullable(),
  hidden: z.boolean().optional().nullable(),
  edited: z.looseObject({ ts: z.string().optional(), user: z.string().optional() }).optional().nullable(),
  files: z
    .array(z.looseObject({ id: z.string().optional() }))
    .optional()
    .nullable(),
  file: z.looseObject({ id: z.string().optional() }).optional().nullable(),
  /** Legacy `file_comment` messages carry the comment (and its author) here. */
  comment: z
    .looseObject({ user: z.string().optional(), comment: z.string().optional() })
    .optional()
    .nullable(),
});
export type SlackMessage = z.infer<typeof SlackMessageSchema>;

/** A member of `users.list`. */
export const SlackUserSchema = z.looseObject({
  id: z.string().min(1),
  name: z.string().optional().nullable(),
  real_name: z.string().optional().nullable(),
  deleted: z.boolean().optional().nullable(),
  is_bot: z.boolean().optional().nullable(),
  is_app_user: z.boolean().optional().nullable(),
  profile: z
    .looseObject({
      email: z.string().optional().nullable(),
      real_name: z.string().optional().nullable(),
      display_name: z.string().optional().nullable(),
      bot_id: z.string().optional().nullable(),
    })
    .optional()
    .nullable(),
});
export type SlackUser = z.infer<typeof SlackUserSchema>;

/** A conversation of `conversations.list`. */
export const SlackConversationSchema = z.looseObject({
  id: z.string().min(1),
  name: z.string().optional().nullable(),
  is_channel: z.boolean().optional().nullable(),
  is_group: z.boolean().optional().nullable(),
  is_im: z.boolean().optional().nullable(),
  is_mpim: z.boolean().optional().nullable(),
  is_private: z.boolean().optional().nullable(),
  is_archived: z.boolean().optional().nullable(),
  is_member: z.boolean().optional().nullable(),
  /** For an IM: the other person. */
  user: z.string().optional().nullable(),
  num_members: z.number().optional().nullable(),
});
export type SlackConversation = z.infer<typeof SlackConversationSchema>;

export const AuthTestResponseSchema = z.looseObject({
  ok: z.literal(true),
  url: z.string().optional().nullable(),
  team: z.string().optional().nullable(),
  team_id: z.string().min(1),
  user_id: z.string().optional().nullable(),
  bot_id: z.string().optional().nullable(),
});

export const UsersListResponseSchema = z.looseObject({
  ok: z.literal(true),
  members: z.array(SlackUserSchema),
  response_metadata: ResponseMetadataSchema,
});

export const ConversationsListResponseSchema = z.looseObject({
  ok: z.literal(true),
  channels: z.array(SlackConversationSchema),
  response_metadata: ResponseMetadataSchema,
});

export const ConversationsMembersResponseSchema = z.looseObject({
  ok: z.literal(true),
  members: z.array(z.string()),
  response_metadata: ResponseMetadataSchema,
});

/** `conversations.history` and `conversations.replies` have the same page shape. */
export const MessagePageResponseSchema = z.looseObject({
  ok: z.literal(true),
  messages: z.array(SlackMessageSchema),
  has_more: z.boolean().optional().nullable(),
  response_metadata: ResponseMetadataSchema,
});
export type MessagePageResponse = z.infer<typeof MessagePageResponseSchema>;

/** The `ok: false` answer of any method. */
export const SlackErrorResponseSchema = z.looseObject({
  ok: z.literal(false),
  error: z.string(),
  needed: z.string().optional().nullable(),
  provided: z.string().optional().nullable(),
});
export type SlackErrorResponse = z.infer<typeof SlackErrorResponseSchema>;

/** The next page cursor of a response, or undefined on the last page. */
export function nextCursorOf(response: {
  response_metadata?: { next_cursor?: string | undefined } | null | undefined;
}): string | undefined {
  const next = response.response_metadata?.next_cursor;
  return next ? next : undefined;
}
