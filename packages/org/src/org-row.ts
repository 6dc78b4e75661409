import { z } from 'zod';

/** The columns of the org chart CSV (docs/contracts.md §5), in order. */
export const ORG_CSV_COLUMNS = [
  'email',
  'name',
  'manager_email',
  'title',
  'department',
  'github_login',
  'slack_id',
  'valid_from',
] as const;

/**
 * One row of the org chart: a person as of `validFrom` (null = always). Several rows per email are
 * that person's history.
 */
export const OrgRowSchema = z.object({
  email: z.string().min(3),
  name: z.string().nullable(),
  managerEmail: z.string().nullable(),
  title: z.string().nullable(),
  department: z.string().nullable(),
  githubLogin: z.string().nullable(),
  slackId: z.string().nullable(),
  validFrom: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .nullable(),
});
export type OrgRow = z.infer<typeof OrgRowSchema>;
