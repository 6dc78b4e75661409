import { describe, expect, it } from 'vitest';
import { extractMentions } from './extract-mentions';

describe('extractMentions', () => {
  it('finds logins once each, in order, case-insensitively', () => {
    expect(extractMentions('cc @alice and @Bob-2, thanks @ALICE.')).toEqual(['alice', 'Bob-2']);
  });

  it('ignores e-mails, teams, code, quotes and bot apps', () => {
    const body = [
      'mail me at me@example.com or ask @acme/core',
      '`@inline` and',
      '```',
      '@fenced',
      '```',
      '> @quoted said so',
      '@dependabot[bot] rebase; @-bad @bad- but @good',
    ].join('\n');
    expect(extractMentions(body)).toEqual(['good']);
  });

  it('handles empty bodies', () => {
    expect(extractMentions(null)).toEqual([]);
    expect(extractMentions('')).toEqual([]);
  });
});
