import { DEFAULT_MIN_GROUP_SIZE } from '@pushpull/metrics';
import type { AuthUser } from './basic-auth';
import type { OrgIndex } from './org-index';

/**
 * The minimum group size (PRODUCT.md: default 5): the team size non-admins may open, and the number of
 * people with data every group figure they see needs (`groupWithheld` of @pushpull/metrics).
 */
export const MIN_GROUP_SIZE = DEFAULT_MIN_GROUP_SIZE;

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
 * and pseudonymised figures, so they see no named person's page. Only admins learn that a person does not
 * exist (404): anyone else gets the same 403 for "not yours" and "no such person", so refusals tell
 * nothing about who is in the org chart.
 *
 * @example leaderPageAccess(user, 'p:lea@acme.io', org)
 */
export function leaderPageAccess(user: AuthUser, personId: string, org: OrgIndex): Access {
  const exists = org.get(personId) !== undefined;
  if (user.role === 'admin') return exists ? ALLOW : refuse(`no person ${personId} in the org chart`, 404);
  if (user.role === 'leader' && user.personId === personId) {
    return exists ? ALLOW : refuse('you are not in the org chart of this period');
  }
  if (user.role === 'leader') return refuse("leaders can open only their own page, not another leader's");
  return refuse('analysts see aggregates and the pseudonymised overview, not named leader pages');
}

/**
 * Who may open the team (direct reports) of `leaderId`: admins always; analysts any team of at least
 * MIN_GROUP_SIZE; leaders the teams in their own subtree (their own and their sub-leaders') of at
 * least MIN_GROUP_SIZE. Only admins learn that there is no such team (404); analysts get one 403 for
 * "no such team" and "too small" alike, leaders one 403 for anything outside their subtree.
 *
 * @example teamAccess(user, 'p:lea@acme.io', org)
 */
export function teamAccess(user: AuthUser, leaderId: string, org: OrgIndex): Access {
  const exists = org.get(leaderId) !== undefined && org.isLeader(leaderId);
  if (user.role === 'admin') return exists ? ALLOW : refuse(`no team led by ${leaderId}`, 404);
  if (user.role === 'leader') {
    if (!user.personId || !org.inSubtree(user.personId, leaderId)) {
      return refuse('leaders can open only their own teams');
    }
    if (!exists) return refuse('this person leads no team');
  } else if (user.role === 'analyst') {
    const size = exists ? org.directReports(leaderId).length : 0;
    if (size < MIN_GROUP_SIZE) {
      return refuse(`analysts can open only teams of at least ${MIN_GROUP_SIZE} members`);
    }
    return ALLOW;
  } else {
    return refuse('unknown role');
  }
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
