import { describe, expect, it } from 'vitest';
import { cleanText } from './clean-text';
import { splitSentences } from './split-sentences';

describe('cleanText', () => {
  it('drops quoted reply lines and the "On … wrote:" block, even when wrapped', () => {
    expect(cleanText('Merged, thanks.\n> can you merge this?\nOne more fix coming.')).toBe(
      'Merged, thanks.\nOne more fix coming.',
    );
    expect(
      cleanText(
        'Numbers attached.\r\n\r\nOn Tue, 30 Apr 2024 at 09:12, Maria Lopez <\r\nmaria@acme.com> wrote:\r\nSend me the numbers?',
      ),
    ).toBe('Numbers attached.');
  });

  it('drops Outlook original-message headers and forwarded blocks', () => {
    expect(
      cleanText('See below.\n\nFrom: Maria\nSent: Tuesday\nTo: Ivan\nSubject: status?\nWhat is the status?'),
    ).toBe('See below.');
    expect(cleanText('FYI\n---------- Forwarded message ---------\nCan you fix it?')).toBe('FYI');
  });

  it('drops a signature after "-- " and a short sign-off block', () => {
    expect(cleanText('Shipped the fix.\n-- \nIvan Petrov\nCall me? +1 555 0100')).toBe('Shipped the fix.');
    expect(cleanText('Shipped the fix.\n\nBest,\nIvan\nStaff Engineer')).toBe('Shipped the fix.');
    expect(cleanText('Thanks,\nIvan')).toBe('Thanks,');
  });

  it('replaces code, links and Slack mentions so their punctuation does not count', () => {
    expect(cleanText('Use `a ? b : c` here: https://x.io/p?q=1 <@U123|ana> <#C1|ops>\n```\nwhy?\n```')).toBe(
      'Use code here: link @someone #ops\n\ncode',
    );
  });
});

describe('splitSentences', () => {
  it('splits lines and sentence ends, dropping bullets and blank lines', () => {
    expect(splitSentences('Done. Any questions?\n\n- next: tests!\n2) docs… later')).toEqual([
      'Done.',
      'Any questions?',
      'next: tests!',
      'docs…',
      'later',
    ]);
    expect(splitSentences('Version 3.5 is out')).toEqual(['Version 3.5 is out']);
  });
});
