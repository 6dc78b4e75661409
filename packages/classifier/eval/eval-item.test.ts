import { describe, expect, it } from 'vitest';
import { parseEvalItems } from './eval-item';

const line = (o: Record<string, unknown>) =>
  JSON.stringify({
    id: 'c001',
    conv: 'k1',
    from: 'ana',
    text: 'hi',
    mode: 'neutral',
    init: null,
    why: 'greeting',
    src: 'written',
    ...o,
  });

describe('parseEvalItems', () => {
  it('reads JSON lines, skips blank ones and tags the source', () => {
    const items = parseEvalItems(
      `${line({})}\n\n${line({ id: 'c002', mode: 'push', init: 'proactive' })}\n`,
      'chat',
    );
    expect(items.map((i) => [i.id, i.source, i.to])).toEqual([
      ['c001', 'chat', []],
      ['c002', 'chat', []],
    ]);
  });

  it('requires an initiative exactly for pushes', () => {
    expect(() => parseEvalItems(line({ mode: 'push', init: null }), 'chat')).toThrow(/line 1: init/);
    expect(() => parseEvalItems(line({ mode: 'pull', init: 'responsive' }), 'chat')).toThrow(/init/);
  });

  it('names the line of a bad record', () => {
    expect(() => parseEvalItems(`${line({})}\n{oops`, 'email')).toThrow(/email\.jsonl line 2: not JSON/);
    expect(() => parseEvalItems(line({ why: '' }), 'email')).toThrow(/line 1: why/);
  });
});
