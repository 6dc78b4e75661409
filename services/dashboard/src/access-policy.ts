import type { AuthUser } from './basic-auth';
import type { OrgIndex } from './org-index';

/** The minimum team size non-admins may see aggregates of (PRODUCT.md: default 5). */
export const MIN_GROUP_SIZE = 5;

/** An access decision: allowed, or refused with the HTTP status and a message for the user. */
export type Access = { ok: true } | { ok: false; status: 403 | 404; message: string };

const ALLOW: Access = { ok: true };
const refuse = (message: string, status: 403 | 404 = 403): Access => ({ ok: false, status, message });

/**
 * Who may open the org overview: admins (names) and analysts (pseudonymised). Leaders may not.
 *
 * @example overviewAccess({ role: 'leader', ... }).ok // false
 */
export function overviewAccess(user: AuthUser): Access {
  return user.role === 'admin' || user.role === 'analyst'
    ? ALLOW
    : refuse('the org overview is for admins and analysts; leaders see their own page and teams');
}

/**
 * Who may open a leader's page: admins, and the leader themselves. Analysts work with aggregates
 * and pseudonymised figures, so they see no named person's page.
 *
 * @example leaderPageAccess(user, 'p:lea@acme.io', org)
 */
export function leaderPageAccess(user: AuthUser, personId: string, org: OrgIndex): Access {
  if (!org.get(personId)) return refuse(`no person ${personId} in the org chart`, 404);
  if (user.role === 'admin') return ALLOW;
  if (user.role === 'leader' && user.personId === personId) return ALLOW;
  if (user.role === 'leader') return refuse("leaders can open only their own page, not another leader's");
  return refuse('analysts see aggregates and the pseudonymised overview, not named leader pages');
}

/**
 * Who may open the team (direct reports) of `leaderId`: admins always; analysts any team of at least
 * MIN_GROUP_SIZE; leaders the teams in their own subtree (their own and their sub-leaders') of at
 * least MIN_GROUP_SIZE.
 *
 * @example teamAccess(user, 'p:lea@acme.io', org)
 */
export function teamAccess(user: AuthUser, leaderId: string, org: OrgIndex): Access {
  if (!org.get(leaderId) || !org.isLeader(leaderId)) return refuse(`no team led by ${leaderId}`, 404);
  if (user.role === 'admin') return ALLOW;
  if (user.role === 'leader' && (!user.personId || !org.inSubtree(user.personId, leaderId))) {
    return refuse('leaders can open only their own teams');
  }
  if (user.role !== 'leader' && user.role !== 'analyst') return refuse('unknown role');
  const size = org.directReports(leaderId).length;
  if (size < MIN_GROUP_SIZE) {
    return refuse(
      `this team has ${size} members, below the minimum group size of ${MIN_GROUP_SIZE}; only admins can see it`,
    );
  }
  return ALLOW;
}

/**
 * The pipeline health page is for admins (they run and watch the pipeline).
 *
 * @example pipelineAccess(user).ok
 */
export function pipelineAccess(user: AuthUser): Access {
  return user.role === 'admin' ? ALLOW : refuse('pipeline health is for admins');
}
