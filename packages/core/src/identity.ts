import { z } from 'zod';

/** A tool account as a connector sees it: at least one of email, githubLogin, githubId, slackId, graphId. */
export const IdentitySchema = z
  .object({
    email: z.string().min(3).optional(),
    githubLogin: z.string().min(1).optional(),
    githubId: z.number().int().optional(),
    slackId: z.string().min(1).optional(),
    graphId: z.string().min(1).optional(),
    name: z.string().optional(),
  })
  .refine(
    (i) =>
      i.email !== undefined ||
      i.githubLogin !== undefined ||
      i.githubId !== undefined ||
      i.slackId !== undefined ||
      i.graphId !== undefined,
    { message: 'an identity needs at least one of email, githubLogin, githubId, slackId, graphId' },
  );
export type Identity = z.infer<typeof IdentitySchema>;

export const TARGET_ROLES = [
  'to',
  'cc',
  'bcc',
  'reviewer',
  'assignee',
  'mention',
  'dm',
  'attendee',
  'author',
] as const;
export const TargetRoleSchema = z.enum(TARGET_ROLES);
export type TargetRole = z.infer<typeof TargetRoleSchema>;

/** An addressee of an event: an identity plus the role it plays. */
export const TargetSchema = z
  .object({
    email: z.string().min(3).optional(),
    githubLogin: z.string().min(1).optional(),
    githubId: z.number().int().optional(),
    slackId: z.string().min(1).optional(),
    graphId: z.string().min(1).optional(),
    name: z.string().optional(),
    role: TargetRoleSchema,
  })
  .refine(
    (i) =>
      i.email !== undefined ||
      i.githubLogin !== undefined ||
      i.githubId !== undefined ||
      i.slackId !== undefined ||
      i.graphId !== undefined,
    { message: 'a target needs at least one of email, githubLogin, githubId, slackId, graphId' },
  );
export type Target = z.infer<typeof TargetSchema>;

/** The person id of an email: `p:` + the lower-cased address. */
export function personIdForEmail(email: string): string {
  return `p:${email.trim().toLowerCase()}`;
}
