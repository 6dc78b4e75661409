import type { EdgeInput, FactInput } from '../fact-repository';
import type { OrgPersonInput } from '../org-repository';

/**
 * Test helper: an org chart row valid always, named after the email's local part, without title,
 * department, logins or Slack id unless `fields` say otherwise.
 *
 * @example orgPerson('lea@acme.io', 'boss@acme.io', { validFrom: '2026-10-01', department: 'R&D' })
 */
export function orgPerson(
  email: string,
  managerEmail: string | null,
  fields: Partial<Omit<OrgPersonInput, 'email' | 'managerEmail'>> = {},
): OrgPersonInput {
  const none = { title: null, department: null, githubLogin: null, slackId: null, validFrom: null };
  return { email, managerEmail, name: email.split('@')[0] ?? email, ...none, ...fields };
}

/**
 * Test helper: an edge to `target` (null: unresolved), neither broadcast nor with an audience.
 *
 * @example testEdge('up', 'p:boss@acme.io', 1)
 */
export function testEdge(
  direction: string,
  target: string | null,
  distance: number | null = null,
): EdgeInput {
  return { targetPersonId: target, direction, distance, broadcast: false, audienceSize: null };
}

/** The reason each mode's test facts carry. */
const REASON = { push: 'statement', pull: 'question-sentence', neutral: 'thanks' } as const;

let sequence = 0;

/**
 * Test helper: `n` facts of one actor, mode and edges, a minute apart from `at` (an ISO timestamp),
 * with unique event ids; pushes are proactive unless said otherwise.
 *
 * @example testFacts(4, 'p:lea@acme.io', '2026-07-07T09:00:00Z', 'pull', [testEdge('down', 'p:r1@acme.io', 1)])
 */
export function testFacts(
  n: number,
  actor: string,
  at: string,
  mode: 'push' | 'pull' | 'neutral',
  edges: EdgeInput[],
  initiative: 'proactive' | 'responsive' | null = mode === 'push' ? 'proactive' : null,
  source = 'slack',
): FactInput[] {
  return Array.from({ length: n }, (_, i) => {
    sequence += 1;
    return {
      eventId: `t:${sequence}`,
      occurredAt: new Date(Date.parse(at) + i * 60_000).toISOString(),
      source,
      type: null,
      actorPersonId: actor,
      mode,
      initiative,
      confidence: 0.9,
      reasons: [REASON[mode]],
      classifierVersion: '1.0.0',
      url: null,
      edges,
    };
  });
}
