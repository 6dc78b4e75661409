import { z } from 'zod';

const identityFields = {
  email: z.string().min(3).optional(),
  githubLogin: z.string().min(1).optional(),
  githubId: z.number().int().optional(),
  slackId: z.string().min(1).optional(),
  graphId: z.string().min(1).optional(),
  name: z.string().optional(),
};

/** True when an identity carries at least one resolvable account. */
function hasAccount(i: {
  email?: string;
  githubLogin?: string;
  githubId?: number;
  slackId?: string;
  graphId?: string;
}) {
  return (
    i.email !== undefined ||
    i.githubLogin !== undefined ||
    i.githubId !== undefined ||
    i.slackId !== undefined ||
    i.graphId !== undefined
  );
}

/** A tool account as a connector sees it: at least one of email, githubLogin, githubId, slackId, graphId. */
export const IdentitySchema = z.object(identityFields).refine(hasAccount, {
  message: 'an identity needs at least one of email, githubLogin, githubId, slackId, graphId',
});
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
export const TargetSchema = z.object({ ...identityFields, role: TargetRoleSchema }).refine(hasAccount, {
  message: 'a target needs at least one of email, githubLogin, githubId, slackId, graphId',
});
export type Target = z.infer<typeof TargetSchema>;

/** The person id of an email: `p:` + the lower-cased address. */
export function personIdForEmail(email: string): string {
  return `p:${email.trim().toLowerCase()}`;
}
