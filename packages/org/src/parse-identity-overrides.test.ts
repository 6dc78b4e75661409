import { describe, expect, it } from 'vitest';
import { OrgChart } from './org-chart';
import { parseIdentityOverrides } from './parse-identity-overrides';

const rows = [
  {
    email: 'boss@acme.example',
    name: null,
    managerEmail: null,
    title: null,
    department: null,
    githubLogin: 'bossgh',
    slackId: null,
    validFrom: null,
  },
  {
    email: 'ada@acme.example',
    name: null,
    managerEmail: 'boss@acme.example',
    title: null,
    department: null,
    githubLogin: 'ada',
    slackId: 'U1',
    validFrom: null,
  },
];

describe('identity overrides', () => {
  it('parses kind,value,email and normalises logins and emails', () => {
    expect(
      parseIdentityOverrides(
        'kind,value,email\ngithub_login,Ada-Personal,ADA@acme.example\ngraph_id,0f1e,ada@acme.example\n',
      ),
    ).toEqual([
      { kind: 'github_login', value: 'ada-personal', email: 'ada@acme.example' },
      { kind: 'graph_id', value: '0f1e', email: 'ada@acme.example' },
    ]);
  });

  it('reports every bad line and refuses one account for two people', () => {
    const text = [
      'kind,value,email',
      'github_login,x,ada@acme.example',
      'twitter,y,ada@acme.example',
      'slack_id,,ada@acme.example',
      'github_login,X,boss@acme.example',
      'slack_id,U9,not-an-email',
    ].join('\n');
    expect(() => parseIdentityOverrides(text)).toThrow(
      /line 3: kind "twitter".*line 4: value is empty.*line 5: github_login x is already given to ada@acme\.example \(line 2\).*line 6: email "not-an-email"/,
    );
    expect(() => parseIdentityOverrides('email,value\n')).toThrow(/header must be kind,value,email/);
  });

  it('resolves overridden accounts first, and GitHub/Graph ids only through overrides', () => {
    const overrides = parseIdentityOverrides(
      'kind,value,email\ngithub_login,ada-personal,ada@acme.example\ngithub_id,42,boss@acme.example\nemail,ada.l@gmail.example,ada@acme.example\nslack_id,U7,ghost@acme.example\n',
    );
    const org = OrgChart.fromRows(rows, { overrides });
    expect(org.resolve({ githubLogin: 'Ada-Personal' })).toBe('p:ada@acme.example');
    expect(org.resolve({ githubId: 42 })).toBe('p:boss@acme.example');
    expect(org.resolve({ email: 'ada.l@gmail.example' })).toBe('p:ada@acme.example');
    expect(org.resolve({ slackId: 'U7' })).toBeNull(); // links to someone not in the chart are ignored
    expect(org.resolve({ githubLogin: 'ada' })).toBe('p:ada@acme.example'); // the chart's own column still works
    expect(OrgChart.fromRows(rows).resolve({ githubId: 42 })).toBeNull();
    const at = new Date('2026-05-01T00:00:00Z');
    expect(org.direction('p:ada@acme.example', { githubId: 42, role: 'mention' }, at)).toMatchObject({
      direction: 'up',
      distance: 1,
    });
  });
});
