import { describe, expect, it } from 'vitest';
import type { PullRecord } from './conversation-memory';
import { InMemoryConversationMemory } from './in-memory-conversation-memory';

const pull = (conversationId: string, eventId: string): PullRecord => ({
  conversationId,
  eventId,
  pullerKey: 'p:boss@acme.com',
  pulledKeys: ['p:ada@acme.com'],
  at: '2024-05-01T09:00:00Z',
});

describe('InMemoryConversationMemory', () => {
  it('keeps pulls per conversation in the order remembered, once per event', () => {
    const memory = new InMemoryConversationMemory();
    memory.remember(pull('c1', 'e1'));
    memory.remember(pull('c1', 'e2'));
    memory.remember(pull('c1', 'e1'));
    memory.remember(pull('c2', 'e3'));
    expect(memory.pullsIn('c1').map((p) => p.eventId)).toEqual(['e1', 'e2']);
    expect(memory.pullsIn('c2')).toHaveLength(1);
    expect(memory.pullsIn('nope')).toEqual([]);
    expect(memory.size).toBe(2);
  });

  it('forgets the least recently used conversation beyond its bound', () => {
    const memory = new InMemoryConversationMemory({ maxConversations: 2 });
    memory.remember(pull('a', 'e1'));
    memory.remember(pull('b', 'e2'));
    memory.pullsIn('a'); // a is now the most recent
    memory.remember(pull('c', 'e3'));
    expect(memory.pullsIn('b')).toEqual([]);
    expect(memory.pullsIn('a')).toHaveLength(1);
    expect(memory.pullsIn('c')).toHaveLength(1);
  });

  it('keeps the newest pulls of a conversation beyond the per-conversation bound', () => {
    const memory = new InMemoryConversationMemory({ maxPullsPerConversation: 2 });
    for (const id of ['e1', 'e2', 'e3']) memory.remember(pull('c', id));
    expect(memory.pullsIn('c').map((p) => p.eventId)).toEqual(['e2', 'e3']);
  });

  it('does not change an array it returned earlier, nor share the caller’s arrays', () => {
    const memory = new InMemoryConversationMemory();
    const record = pull('c', 'e1');
    memory.remember(record);
    const before = memory.pullsIn('c');
    record.pulledKeys.push('p:someone@acme.com');
    memory.remember(pull('c', 'e2'));
    expect(before).toHaveLength(1);
    expect(memory.pullsIn('c')[0]!.pulledKeys).toEqual(['p:ada@acme.com']);
  });

  it('holds a conversation with no pulls until the bound forgets it', () => {
    const memory = new InMemoryConversationMemory({ maxConversations: 2 });
    memory.hold('empty');
    expect(memory.has('empty')).toBe(true);
    expect(memory.pullsIn('empty')).toEqual([]);
    memory.remember(pull('a', 'e1'));
    memory.hold('a'); // held already: its pulls stay
    expect(memory.pullsIn('a')).toHaveLength(1);
    memory.remember(pull('b', 'e2'));
    expect(memory.has('empty')).toBe(false);
    expect(memory.has('nope')).toBe(false);
    expect(memory.size).toBe(2);
  });
});

describe('InMemoryConversationMemory trails', () => {
  const note = (memory: InMemoryConversationMemory, conversationId: string, eventId: string) =>
    memory.noteEvent(conversationId, { eventId, authorKey: 'p:ana', mode: 'push', asked: false });

  it('keeps a trail per conversation', () => {
    const memory = new InMemoryConversationMemory();
    note(memory, 'c1', 'e1');
    note(memory, 'c1', 'e2');
    note(memory, 'c2', 'e3');
    expect(memory.trailOf('c1')?.events).toBe(2);
    expect(memory.trailOf('c2')?.lastEventId).toBe('e3');
    expect(memory.trailOf('nope')).toBeUndefined();
  });

  it('forgets the trail of the conversation noted least recently beyond its bound', () => {
    const memory = new InMemoryConversationMemory({ maxConversations: 2 });
    note(memory, 'a', 'e1');
    note(memory, 'b', 'e2');
    note(memory, 'a', 'e3'); // a is now the most recent
    note(memory, 'c', 'e4');
    expect(memory.trailOf('b')).toBeUndefined();
    expect(memory.trailOf('a')?.events).toBe(2);
    expect(memory.trailOf('c')?.events).toBe(1);
  });
});
