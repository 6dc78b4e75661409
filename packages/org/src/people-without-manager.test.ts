import { describe, expect, it } from 'vitest';
import { parseOrgCsv } from './parse-org-csv';
import { peopleWithoutManager } from './people-without-manager';

describe('peopleWithoutManager', () => {
  it('finds the top of the org and everyone else without a manager', () => {
    const rows = parseOrgCsv(
      [
        'email,manager_email',
        'ceo@acme.io,',
        'vp@acme.io,ceo@acme.io',
        'dev@acme.io,vp@acme.io',
        'ann@acme.io,',
        'lead@acme.io,',
        'new@acme.io,lead@acme.io',
      ].join('\n'),
    );
    expect(peopleWithoutManager(rows)).toEqual({
      top: { email: 'ceo@acme.io', below: 2 },
      others: [
        { email: 'lead@acme.io', below: 1 },
        { email: 'ann@acme.io', below: 0 },
      ],
    });
  });

  it('reads the chart as it stands now: each person’s latest row', () => {
    const rows = parseOrgCsv(
      [
        'email,manager_email,valid_from',
        'ceo@acme.io,,',
        'ann@acme.io,,', // no manager at first …
        'ann@acme.io,ceo@acme.io,2024-03-01', // … then one
        'bob@acme.io,ceo@acme.io,',
        'bob@acme.io,,2025-01-01', // had one, has none now
      ].join('\n'),
    );
    expect(peopleWithoutManager(rows)).toEqual({
      top: { email: 'ceo@acme.io', below: 1 },
      others: [{ email: 'bob@acme.io', below: 0 }],
    });
  });

  it('handles an empty chart and a 20,000-deep chain without recursion', () => {
    expect(peopleWithoutManager([])).toEqual({ top: null, others: [] });
    const chain = Array.from({ length: 20_000 }, (_, i) => ({
      email: `p${i}@acme.io`,
      name: null,
      managerEmail: i === 0 ? null : `p${i - 1}@acme.io`,
      title: null,
      department: null,
      githubLogin: null,
      slackId: null,
      validFrom: null,
    }));
    expect(peopleWithoutManager(chain)).toEqual({ top: { email: 'p0@acme.io', below: 19_999 }, others: [] });
  });
});
