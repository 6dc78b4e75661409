import { createHmac } from 'node:crypto';
import { accountKey, identityAccountKeys } from './account-key';
import type { ActivityEvent } from './activity-event';
import type { Identity, Target } from './identity';
import { isBroadcastEdge, type LabeledEvent } from './labeled-event';

/**
 * The keyed hash pushpull keeps instead of an address: HMAC-SHA256 under the installation's secret,
 * hex. Without the secret nobody can test an address against it.
 *
 * @example keyedHash(secret, 'email:lea@acme.io') // '5f0c…' (64 hex digits)
 */
export function keyedHash(secret: string, text: string): string {
  return createHmac('sha256', secret).update(text, 'utf8').digest('hex');
}

/**
 * The keyed hash that stands for a person in the audit log (`subject_hash`): `keyedHash` of the normalised
 * email account key. Erasure and the dashboard's view audit write the same one, so an admin can find every
 * row about one address.
 *
 * @example subjectHash(secret, 'Lea@acme.io') === keyedHash(secret, 'email:lea@acme.io')
 */
export function subjectHash(secret: string, email: string): string {
  return keyedHash(secret, accountKey('email', email) ?? `email:${email}`);
}

/**
 * The erased people's accounts, as keyed hashes (`suppression` table): tells whether an event involves
 * one of them (its actor or any target). Holds no address.
 *
 * @example const s = new SuppressionFilter(secret, hashes); events.filter((e) => !s.involves(e));
 */
export class SuppressionFilter {
  private readonly hashes: ReadonlySet<string>;

  constructor(
    private readonly secret: string,
    hashes: Iterable<string>,
  ) {
    this.hashes = new Set(hashes);
  }

  /** How many account hashes are suppressed. */
  get size(): number {
    return this.hashes.size;
  }

  /** Whether this identity carries a suppressed account. */
  matches(identity: Identity | Target): boolean {
    if (this.hashes.size === 0) return false;
    return identityAccountKeys(identity).some((key) => this.hashes.has(keyedHash(this.secret, key)));
  }

  /** Whether the event's actor or one of its targets carries a suppressed account. */
  involves(event: Pick<ActivityEvent, 'actor' | 'targets'>): boolean {
    if (this.hashes.size === 0) return false;
    return this.matches(event.actor) || event.targets.some((t) => this.matches(t));
  }

  /** Whether a person id (`p:` + address) is that of a suppressed address. */
  matchesPersonId(personId: string | null): boolean {
    if (!personId?.startsWith('p:')) return false;
    return this.matches({ email: personId.slice(2) });
  }

  /**
   * Whether a labeled event involves a suppressed account: its actor's person id, or an edge's person
   * id or target identity (what the aggregator checks of events labeled before an erasure).
   */
  involvesLabeled(event: Pick<LabeledEvent, 'actor' | 'edges'>): boolean {
    if (this.hashes.size === 0) return false;
    if (this.matchesPersonId(event.actor.personId)) return true;
    return event.edges.some(
      (e) => !isBroadcastEdge(e) && (this.matchesPersonId(e.personId) || this.matches(e.target)),
    );
  }

  /**
   * The events that involve no suppressed account, and how many were dropped.
   *
   * @example const { kept, dropped } = filter.partition(page);
   */
  partition<E extends Pick<ActivityEvent, 'actor' | 'targets'>>(
    events: readonly E[],
  ): { kept: E[]; dropped: number } {
    if (this.hashes.size === 0) return { kept: [...events], dropped: 0 };
    const kept = events.filter((e) => !this.involves(e));
    return { kept, dropped: events.length - kept.length };
  }
}
