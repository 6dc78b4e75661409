import type { ConversationMemory, PullRecord } from './conversation-memory';
import {
  type ConversationTrail,
  copyTrail,
  noteInTrail,
  startTrail,
  type TrailEvent,
  type TrailState,
} from './conversation-trail';

export interface InMemoryConversationMemoryOptions {
  /** Conversations kept; the least recently used is forgotten beyond this. Default 100,000. */
  maxConversations?: number;
  /** Pulls kept per conversation; the oldest is forgotten beyond this. Default 1,000. */
  maxPullsPerConversation?: number;
}

/**
 * A bounded in-process {@link ConversationMemory}: an LRU over conversations (reading or writing a
 * conversation makes it the most recent) with a cap on pulls per conversation. Records are never
 * mutated; a conversation's array is replaced on write, so an array returned earlier stays valid.
 *
 * @example
 * const memory = new InMemoryConversationMemory({ maxConversations: 10_000 });
 * classifyEvent(event, { org, memory });
 */
export class InMemoryConversationMemory implements ConversationMemory {
  private readonly conversations = new Map<string, readonly PullRecord[]>();
  /**
   * Each conversation's trail, bounded like the pulls: the least recently noted goes first. A trail moves
   * to the back only when it has fallen into the older half (`touched`, in notes), not on every event.
   */
  private readonly trails = new Map<string, { state: TrailState; touched: number }>();
  private notes = 0;
  private readonly maxConversations: number;
  private readonly maxPulls: number;

  constructor(options: InMemoryConversationMemoryOptions = {}) {
    this.maxConversations = Math.max(1, options.maxConversations ?? 100_000);
    this.maxPulls = Math.max(1, options.maxPullsPerConversation ?? 1_000);
  }

  /** How many conversations are held. */
  get size(): number {
    return this.conversations.size;
  }

  /**
   * Whether the conversation is held, with pulls or known to have none (see {@link hold}); does not
   * change which is the most recent. A caller that loads conversations from a store loads only those
   * not held.
   */
  has(conversationId: string): boolean {
    return this.conversations.has(conversationId);
  }

  /**
   * Holds the conversation (as the most recent) even with no pulls, so that {@link has} is true until
   * the bound forgets it: a conversation read from a store and found empty need not be read again.
   */
  hold(conversationId: string): void {
    if (this.conversations.has(conversationId)) {
      this.pullsIn(conversationId);
      return;
    }
    this.conversations.set(conversationId, []);
    this.evictBeyondBound();
  }

  pullsIn(conversationId: string): readonly PullRecord[] {
    const pulls = this.conversations.get(conversationId);
    if (pulls === undefined) return [];
    this.conversations.delete(conversationId);
    this.conversations.set(conversationId, pulls);
    return pulls;
  }

  remember(pull: PullRecord): void {
    const existing = this.conversations.get(pull.conversationId) ?? [];
    if (existing.some((p) => p.eventId === pull.eventId)) {
      this.pullsIn(pull.conversationId);
      return;
    }
    const record: PullRecord = { ...pull, pulledKeys: [...pull.pulledKeys] };
    const next =
      existing.length >= this.maxPulls
        ? [...existing.slice(existing.length - this.maxPulls + 1), record]
        : [...existing, record];
    this.conversations.delete(pull.conversationId);
    this.conversations.set(pull.conversationId, next);
    this.evictBeyondBound();
  }

  trailOf(conversationId: string): ConversationTrail | undefined {
    return this.trails.get(conversationId)?.state;
  }

  noteEvent(conversationId: string, event: TrailEvent): void {
    const now = this.notes++;
    const held = this.trails.get(conversationId);
    if (held === undefined) {
      this.trails.set(conversationId, { state: startTrail(event), touched: now });
      dropOldestBeyond(this.trails, this.maxConversations);
      return;
    }
    noteInTrail(held.state, event);
    if (now - held.touched >= this.maxConversations / 2) {
      this.trails.delete(conversationId);
      held.touched = now;
      this.trails.set(conversationId, held);
    }
  }

  /**
   * Holds `trail` as the conversation's trail, replacing any (a copy: later notes change this memory's
   * copy only). For a caller that resumes conversations from a store: the trail a restarted or
   * rebalanced service left there.
   *
   * @example memory.restoreTrail('slack:T1:C2', stored.trail); memory.trailOf('slack:T1:C2')?.events
   */
  restoreTrail(conversationId: string, trail: ConversationTrail): void {
    this.trails.delete(conversationId);
    this.trails.set(conversationId, { state: copyTrail(trail), touched: this.notes++ });
    dropOldestBeyond(this.trails, this.maxConversations);
  }

  private evictBeyondBound(): void {
    dropOldestBeyond(this.conversations, this.maxConversations);
  }
}

/** Deletes a map's first-inserted (oldest) entries until it holds at most `max`. */
function dropOldestBeyond(map: Map<string, unknown>, max: number): void {
  while (map.size > max) {
    const oldest = map.keys().next().value;
    if (oldest === undefined) break;
    map.delete(oldest);
  }
}
