import type { ConversationTrail, TrailEvent } from './conversation-trail';

/**
 * An earlier pull in a conversation: who asked (`pullerKey`) whom (`pulledKeys`), when. Keys come from
 * `identityKey`. The classifier service persists these and preloads them per batch.
 */
export interface PullRecord {
  conversationId: string;
  /** The id of the pulling ActivityEvent. */
  eventId: string;
  pullerKey: string;
  pulledKeys: string[];
  /** The pull's `occurredAt` (ISO 8601). */
  at: string;
  /**
   * `directive` when the record is a push that asked its targets to act (a directive, a suggestion,
   * an assignment): fulfilling it is responsive, but a bare "yes" to it is no answer. Absent for pulls.
   */
  kind?: 'directive';
}

/**
 * The classifier's synchronous view of earlier pulls per conversation, used to tell responsive pushes
 * from proactive ones. Implementations keep records of one conversation in the order remembered.
 *
 * @example
 * memory.remember({ conversationId: 'c1', eventId: 'e1', pullerKey: 'p:boss@acme.com', pulledKeys: ['p:ada@acme.com'], at: '2024-05-01T09:00:00Z' });
 * memory.pullsIn('c1').length === 1;
 */
export interface ConversationMemory {
  /** The pulls remembered for a conversation, oldest remembered first; empty when none. */
  pullsIn(conversationId: string): readonly PullRecord[];
  /** Remembers a pull. Remembering the same event id again in a conversation is a no-op. */
  remember(pull: PullRecord): void;
  /**
   * The conversation's course so far (events seen, opener, authors, latest event), when this memory
   * keeps one; optional: a memory without it gives the learned layer no trail features.
   */
  trailOf?(conversationId: string): ConversationTrail | undefined;
  /** Notes one more event of the conversation in its trail (see `noteInTrail`). */
  noteEvent?(conversationId: string, event: TrailEvent): void;
}
