import { z } from 'zod';

/** A recipient (`emailAddress.address` may be missing for odd items: such recipients are dropped). */
export const GraphRecipientSchema = z.object({
  emailAddress: z.object({ name: z.string().nullish(), address: z.string().nullish() }).nullish(),
});
export type GraphRecipient = z.infer<typeof GraphRecipientSchema>;

/** A user of `GET /users?$select=…&$expand=manager(…)`. */
export const GraphUserSchema = z.object({
  id: z.string().min(1),
  displayName: z.string().nullish(),
  mail: z.string().nullish(),
  userPrincipalName: z.string().nullish(),
  jobTitle: z.string().nullish(),
  department: z.string().nullish(),
  accountEnabled: z.boolean().nullish(),
  manager: z
    .object({ id: z.string().min(1), mail: z.string().nullish(), userPrincipalName: z.string().nullish() })
    .nullish(),
});
export type GraphUser = z.infer<typeof GraphUserSchema>;

/** A mail-enabled group of `GET /groups`. */
export const GraphGroupSchema = z.object({
  id: z.string().min(1),
  displayName: z.string().nullish(),
  mail: z.string().nullish(),
  mailEnabled: z.boolean().nullish(),
});
export type GraphGroup = z.infer<typeof GraphGroupSchema>;

/** A message of the Sent Items delta, with the connector's `$select` (or an `@removed` entry). */
export const GraphMessageSchema = z.object({
  id: z.string().min(1),
  '@removed': z.unknown().optional(),
  sender: GraphRecipientSchema.nullish(),
  toRecipients: z.array(GraphRecipientSchema).nullish(),
  ccRecipients: z.array(GraphRecipientSchema).nullish(),
  bccRecipients: z.array(GraphRecipientSchema).nullish(),
  subject: z.string().nullish(),
  bodyPreview: z.string().nullish(),
  conversationId: z.string().nullish(),
  sentDateTime: z.string().nullish(),
  internetMessageId: z.string().nullish(),
  webLink: z.string().nullish(),
  isDraft: z.boolean().nullish(),
});
export type GraphMessage = z.infer<typeof GraphMessageSchema>;

/** An event of `calendarView/delta`. */
export const GraphEventSchema = z.object({
  id: z.string().min(1),
  '@removed': z.unknown().optional(),
  iCalUId: z.string().nullish(),
  createdDateTime: z.string().nullish(),
  subject: z.string().nullish(),
  bodyPreview: z.string().nullish(),
  start: z.object({ dateTime: z.string(), timeZone: z.string().nullish() }).nullish(),
  isOrganizer: z.boolean().nullish(),
  isCancelled: z.boolean().nullish(),
  type: z.string().nullish(),
  seriesMasterId: z.string().nullish(),
  organizer: GraphRecipientSchema.nullish(),
  attendees: z.array(GraphRecipientSchema.extend({ type: z.string().nullish() })).nullish(),
  webLink: z.string().nullish(),
});
export type GraphEvent = z.infer<typeof GraphEventSchema>;

/** One page of a collection: items plus `@odata.nextLink` or (delta) `@odata.deltaLink`. */
export function graphPageSchema<T extends z.ZodType>(item: T) {
  return z.object({
    value: z.array(item),
    '@odata.nextLink': z.string().optional(),
    '@odata.deltaLink': z.string().optional(),
  });
}

/** Graph's error body. */
export const GraphErrorBodySchema = z.object({
  error: z.object({ code: z.string().optional(), message: z.string().optional() }),
});

/** The answer of `POST /$batch`. */
export const GraphBatchResponseSchema = z.object({
  responses: z.array(
    z.object({
      id: z.string(),
      status: z.number().int(),
      headers: z.record(z.string(), z.string()).nullish(),
      body: z.unknown().optional(),
    }),
  ),
});
