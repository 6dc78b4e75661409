import { identityAccountKeys } from '@pushpull/core';
import { describe, expect, it } from 'vitest';
import { OrgChart } from './org-chart';
import type { OrgRow } from './org-row';
import { parseOrgCsv } from './parse-org-csv';

// A 4-level chart: ceo → vp → mgr1/mgr2 → ic1, ic2, ic3. On 2024-07-01 ic2 moves from mgr1 to mgr2;
// newbie joins under mgr2 on 2024-09-01.
const CSV = `email,name,manager_email,title,department,github_login,slack_id,valid_from
ceo@acme.com,Cleo,,CEO,,cleo,,
vp@acme.com,Victor,ceo@acme.com,VP,,,,
mgr1@acme.com,Mia,vp@acme.com,Manager,,,,
mgr2@acme.com,Max,vp@acme.com,Manager,,,,
ic1@acme.com,Ivy,mgr1@acme.com,Engineer,,Ivy-Codes,U0IVY,
ic2@acme.com,Ian,mgr1@acme.com,Engineer,,,U0IAN,
ic2@acme.com,Ian,mgr2@acme.com,Engineer,,,U0IAN,2024-07-01
ic3@acme.com,Isa,mgr2@acme.com,Engineer,,,,
newbie@acme.com,Nell,mgr2@acme.com,Engineer,,,,2024-09-01
`;

const org = OrgChart.fromRows(parseOrgCsv(CSV), { orgDomains: ['acme.io'] });
const MARCH = new Date('2024-03-15T12:00:00Z');
const AUGUST = new Date('2024-08-15T12:00:00Z');
const OCTOBER = new Date('2024-10-01T12:00:00Z');
const p = (name: string) => `p:${name}@acme.com`;
const to = (name: string) => ({ email: `${name}@acme.com`, role: 'to' as const });

describe('OrgChart effective dating', () => {
  it('uses the row in effect at the date for managers and reports', () => {
    expect(org.managerOf(p('ic2'), MARCH)).toBe(p('mgr1'));
    expect(org.managerOf(p('ic2'), AUGUST)).toBe(p('mgr2'));
    expect(org.managerOf(p('ic2'), new Date('2024-07-01T00:00:00Z'))).toBe(p('mgr2'));
    expect(org.managerOf(p('ceo'), MARCH)).toBeNull();
    expect(org.directReports(p('mgr1'), MARCH)).toEqual([p('ic1'), p('ic2')]);
    expect(org.directReports(p('mgr1'), AUGUST)).toEqual([p('ic1')]);
    expect(org.directReports(p('mgr2'), OCTOBER)).toEqual([p('ic2'), p('ic3'), p('newbie')]);
  });

  it('lists the people in the org at a date, or everyone with their latest row', () => {
    expect(org.people(AUGUST).map((x) => x.email)).not.toContain('newbie@acme.com');
    expect(org.people(AUGUST)).toHaveLength(7);
    const everyone = org.people();
    expect(everyone).toHaveLength(8);
    expect(everyone.find((x) => x.email === 'ic2@acme.com')).toMatchObject({
      managerPersonId: p('mgr2'),
      validFrom: '2024-07-01',
    });
    expect(org.person(p('ic2'), MARCH)?.managerPersonId).toBe(p('mgr1'));
    expect(org.person(p('newbie'), MARCH)).toBeNull();
  });
});

describe('OrgChart identity resolution', () => {
  it('resolves by email, GitHub login (any case) and Slack id', () => {
    expect(org.resolve({ email: ' IC1@Acme.com ' })).toBe(p('ic1'));
    expect(org.resolve({ githubLogin: 'ivy-codes' })).toBe(p('ic1'));
    expect(org.resolve({ slackId: 'U0IAN' })).toBe(p('ic2'));
    expect(org.resolve({ email: 'stranger@acme.com', githubLogin: 'CLEO' })).toBe(p('ceo'));
  });

  it('lists, and does not resolve, an identity whose keys point to different people', () => {
    const mixed = { email: 'ic1@acme.com', slackId: 'U0IAN' };
    expect(org.resolve(mixed)).toBeNull();
    expect(org.ambiguity(mixed)).toEqual([p('ic1'), p('ic2')]);
    expect(org.ambiguity({ email: 'ic1@acme.com', githubLogin: 'ivy-codes' })).toBeNull();
    expect(org.ambiguity({ email: 'stranger@acme.com', githubLogin: 'CLEO' })).toBeNull();
    // A manual override settles it: the admin's link wins and nothing is ambiguous any more.
    const settled = OrgChart.fromRows(parseOrgCsv(CSV), {
      overrides: [{ kind: 'slack_id', value: 'U0IAN', email: 'ic1@acme.com' }],
    });
    expect(settled.resolve(mixed)).toBe(p('ic1'));
    expect(settled.ambiguity(mixed)).toBeNull();
  });

  it('does not resolve GitHub ids, Graph ids or unknown accounts', () => {
    expect(org.resolve({ githubId: 7496278 })).toBeNull();
    expect(org.resolve({ graphId: '6e7b768e-07e2-4810-8459-485f84f8f204' })).toBeNull();
    expect(org.resolve({ githubLogin: 'nobody' })).toBeNull();
  });

  it('matches an override by the same normalisation as suppression: a Graph id (a GUID) without case', () => {
    const guid = '6E7B768E-07E2-4810-8459-485F84F8F204';
    const linked = OrgChart.fromRows(parseOrgCsv(CSV), {
      overrides: [{ kind: 'graph_id', value: guid, email: 'ic1@acme.com' }],
    });
    expect(linked.resolve({ graphId: guid.toLowerCase() })).toBe(p('ic1'));
    expect(identityAccountKeys({ graphId: guid })).toEqual([`graph:${guid.toLowerCase()}`]);
  });

  it('knows external emails by domain, including the extra org domains and subdomains', () => {
    expect(org.orgDomains).toEqual(['acme.com', 'acme.io']);
    expect(org.isExternal({ email: 'buyer@client.com' })).toBe(true);
    expect(org.isExternal({ email: 'contractor@acme.io' })).toBe(false);
    expect(org.isExternal({ email: 'ops@eu.acme.com' })).toBe(false);
    expect(org.isExternal({ email: 'phish@notacme.com' })).toBe(true);
    expect(org.isExternal({ githubLogin: 'someone' })).toBe(false);
  });
});

describe('OrgChart.direction', () => {
  it('finds up and down edges with their distance, skip levels included', () => {
    expect(org.direction(p('ic1'), to('mgr1'), MARCH)).toEqual({
      direction: 'up',
      distance: 1,
      personId: p('mgr1'),
    });
    expect(org.direction(p('ic1'), to('vp'), MARCH)).toEqual({
      direction: 'up',
      distance: 2,
      personId: p('vp'),
    });
    expect(org.direction(p('ic1'), to('ceo'), MARCH)).toEqual({
      direction: 'up',
      distance: 3,
      personId: p('ceo'),
    });
    expect(org.direction(p('ceo'), to('ic1'), MARCH)).toEqual({
      direction: 'down',
      distance: 3,
      personId: p('ic1'),
    });
    expect(org.direction(p('vp'), to('ic3'), MARCH)).toEqual({
      direction: 'down',
      distance: 2,
      personId: p('ic3'),
    });
    expect(org.direction(p('mgr2'), to('ic3'), MARCH)).toEqual({
      direction: 'down',
      distance: 1,
      personId: p('ic3'),
    });
  });

  it('follows a manager change mid-year', () => {
    expect(org.direction(p('mgr1'), to('ic2'), MARCH).direction).toBe('down');
    expect(org.direction(p('mgr1'), to('ic2'), AUGUST).direction).toBe('lateral');
    expect(org.direction(p('ic2'), to('mgr2'), AUGUST)).toMatchObject({ direction: 'up', distance: 1 });
    expect(org.direction(p('ic1'), to('ic2'), MARCH).direction).toBe('peer');
    expect(org.direction(p('ic1'), to('ic2'), AUGUST).direction).toBe('lateral');
    expect(org.direction(p('ic3'), to('ic2'), AUGUST).direction).toBe('peer');
  });

  it('labels peers and lateral edges', () => {
    expect(org.direction(p('mgr1'), to('mgr2'), MARCH)).toEqual({
      direction: 'peer',
      distance: null,
      personId: p('mgr2'),
    });
    expect(org.direction(p('ic1'), to('mgr2'), MARCH)).toEqual({
      direction: 'lateral',
      distance: null,
      personId: p('mgr2'),
    });
    expect(org.direction(p('ic1'), to('ic3'), MARCH).direction).toBe('lateral');
  });

  it('labels external and unknown counterparts', () => {
    expect(org.direction(p('ic1'), { email: 'buyer@client.com', role: 'to' }, MARCH)).toEqual({
      direction: 'external',
      distance: null,
      personId: null,
    });
    // External is a property of the counterpart: it holds even when the author is unresolved.
    expect(org.direction(null, { email: 'buyer@client.com', role: 'to' }, MARCH).direction).toBe('external');
    expect(org.direction(p('ic1'), { email: 'temp@acme.io', role: 'cc' }, MARCH).direction).toBe('unknown');
    expect(org.direction(p('ic1'), { githubId: 42, role: 'reviewer' }, MARCH)).toEqual({
      direction: 'unknown',
      distance: null,
      personId: null,
    });
    expect(org.direction(null, to('mgr1'), MARCH)).toEqual({
      direction: 'unknown',
      distance: null,
      personId: p('mgr1'),
    });
    expect(org.direction('p:ghost@acme.com', to('mgr1'), MARCH).direction).toBe('unknown');
  });

  it('treats someone not yet in the org as unknown, then places them', () => {
    expect(org.direction(p('ic3'), to('newbie'), AUGUST)).toEqual({
      direction: 'unknown',
      distance: null,
      personId: p('newbie'),
    });
    expect(org.direction(p('newbie'), to('mgr2'), AUGUST).direction).toBe('unknown');
    expect(org.direction(p('ic3'), to('newbie'), OCTOBER).direction).toBe('peer');
    expect(org.direction(p('newbie'), to('vp'), OCTOBER)).toMatchObject({ direction: 'up', distance: 2 });
  });

  it('returns unknown with the person id for a self-edge', () => {
    expect(org.direction(p('ic1'), { githubLogin: 'IVY-CODES', role: 'mention' }, MARCH)).toEqual({
      direction: 'unknown',
      distance: null,
      personId: p('ic1'),
    });
  });

  it('stays bounded on cyclic rows that did not come through the CSV validator', () => {
    const row = (email: string, managerEmail: string | null): OrgRow => ({
      email,
      managerEmail,
      name: null,
      title: null,
      department: null,
      githubLogin: null,
      slackId: null,
      validFrom: null,
    });
    const loop = OrgChart.fromRows([
      row('a@x.com', 'b@x.com'),
      row('b@x.com', 'a@x.com'),
      row('c@x.com', 'a@x.com'),
    ]);
    expect(loop.direction('p:c@x.com', { email: 'b@x.com', role: 'to' }, MARCH)).toMatchObject({
      direction: 'up',
      distance: 2,
    });
    expect(loop.direction('p:c@x.com', { email: 'z@y.com', role: 'to' }, MARCH).direction).toBe('external');
    expect(loop.direction('p:a@x.com', { email: 'c@x.com', role: 'to' }, MARCH).direction).toBe('down');
  });

  it('answers direction calls across a 5,000-person chart with a mid-year reorg', () => {
    const rows: OrgRow[] = [];
    const emailOf = (i: number) => `u${i}@big.com`;
    for (let i = 0; i < 5000; i++) {
      // A tree with fan-out 7 (depth ≈ 5), plus a reorg of every tenth person mid-year.
      const manager = i === 0 ? null : emailOf(Math.floor((i - 1) / 7));
      const base = { name: null, title: null, department: null, githubLogin: `gh${i}`, slackId: null };
      rows.push({ ...base, email: emailOf(i), managerEmail: manager, validFrom: null });
      if (i > 10 && i % 10 === 0) {
        rows.push({ ...base, email: emailOf(i), managerEmail: emailOf(i % 700), validFrom: '2024-06-01' });
      }
    }
    const big = OrgChart.fromRows(rows);
    const targets = Array.from({ length: 5000 }, (_, i) => ({ githubLogin: `GH${i}`, role: 'to' as const }));
    const at = new Date('2024-08-01T00:00:00Z');
    const counts: Record<string, number> = {};
    // Speed is measured by bench/classifier, not here: this checks the answers on a big chart.
    for (let n = 0; n < 50_000; n++) {
      const d = big.direction(`p:u${(n * 7919) % 5000}@big.com`, targets[(n * 104729) % 5000]!, at).direction;
      counts[d] = (counts[d] ?? 0) + 1;
    }
    expect(counts.lateral).toBeGreaterThan(0);
    expect((counts.up ?? 0) + (counts.down ?? 0) + (counts.peer ?? 0)).toBeGreaterThan(0);
  });
});
