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

describe('cleanText: 0.2.0 additions', () => {
  it('decodes Slack entities, so a "&gt;" quote is dropped as a quote', () => {
    expect(cleanText('&gt;quoted line\nso what now &amp; when?')).toBe('so what now & when?');
  });

  it('drops a trailing signature block and a bare sign-off name', () => {
    expect(
      cleanText(
        'Fine by me. I will update the invite.\n\nMia Sorensen | Legal Counsel | Acme\n+1 415 555 0142',
      ),
    ).toBe('Fine by me. I will update the invite.');
    expect(cleanText('Lena,\n\nThe close is done.\n\nPaul')).toBe('Lena,\n\nThe close is done.');
    expect(cleanText('Shipped the fix.\nDone')).toBe('Shipped the fix.\nDone');
  });
});

describe('cleanText: footers and forwards', () => {
  it('cuts mobile signatures, legal footers, HTML comments and Enron-style forwards', () => {
    expect(cleanText('Thanks!\n\nSent from my iPhone')).toBe('Thanks!');
    expect(
      cleanText('See attached.\n\nThis e-mail is confidential and intended only for the addressee.'),
    ).toBe('See attached.');
    expect(cleanText('<!-- describe your change -->\nFixes the retry loop.')).toBe('Fixes the retry loop.');
    expect(
      cleanText(
        'FYI\n---------------------- Forwarded by Sally Beck/HOU/ECT on 10/04/2000 08:20 AM ---------------------------\nCan you send me the report?',
      ),
    ).toBe('FYI');
  });
});
