import { describe, expect, it } from 'vitest';
import { questionMarkBaseline } from './question-mark-baseline';

describe('questionMarkBaseline', () => {
  it('calls anything with a question mark a pull, anything else a proactive push', () => {
    expect(questionMarkBaseline({ text: 'Can you fix it by Friday?' })).toEqual({
      mode: 'pull',
      initiative: null,
    });
    expect(questionMarkBaseline({ subject: 'Launch date?', text: 'See below.' }).mode).toBe('pull');
    expect(questionMarkBaseline({ text: 'Thanks!' })).toEqual({ mode: 'push', initiative: 'proactive' });
    expect(questionMarkBaseline({ text: null })).toEqual({ mode: 'push', initiative: 'proactive' });
  });
});
