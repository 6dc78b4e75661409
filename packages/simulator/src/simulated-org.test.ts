import { describe, expect, it } from 'vitest';
import { buildSimulatedOrg } from './simulated-org';

const shape = (seed: number, people: number, days = 60) => ({
  seed,
  people,
  days,
  start: '2026-01-05',
  orgDomain: 'acme.example',
});

function depthOf(managerOf: (i: number) => number, n: number): number {
  let max = 0;
  for (let i = 0; i < n; i++) {
    let d = 0;
    for (let p = managerOf(i); p >= 0; p = managerOf(p)) d++;
    max = Math.max(max, d);
  }
  return max;
}

describe('buildSimulatedOrg', () => {
  it('builds one tree with spans 3–8 and at least three levels below the CEO from 30 people', () => {
    for (const people of [4, 12, 29, 30, 31, 45, 80, 200, 1000]) {
      for (const seed of [1, 2, 3, 4, 5]) {
        const org = buildSimulatedOrg(shape(seed, people, 1));
        expect(org.people).toHaveLength(people);
        const roots = org.people.filter((p) => org.managerOf(p.index, 0) < 0);
        expect(roots.map((p) => p.index)).toEqual([0]);
        for (const p of org.people) {
          const span = org.reportsOf(p.index, 0).length;
          if (span > 0) {
            expect(span, `span of ${p.index} (${people} people, seed ${seed})`).toBeGreaterThanOrEqual(3);
            expect(span).toBeLessThanOrEqual(8);
          }
        }
        if (people >= 30) expect(depthOf((i) => org.managerOf(i, 0), people)).toBeGreaterThanOrEqual(3);
      }
    }
  });

  it('gives unique first.last emails, logins and Slack ids, titles and departments', () => {
    const org = buildSimulatedOrg(shape(8, 500));
    const emails = org.people.map((p) => p.email);
    expect(new Set(emails).size).toBe(500);
    for (const e of emails) expect(e).toMatch(/^[a-z]+\.[a-z]+\d*@acme\.example$/);
    const logins = org.people.flatMap((p) => (p.githubLogin ? [p.githubLogin] : []));
    const slack = org.people.flatMap((p) => (p.slackId ? [p.slackId] : []));
    expect(new Set(logins).size).toBe(logins.length);
    expect(new Set(slack).size).toBe(slack.length);
    expect(logins.length).toBeGreaterThan(0.8 * 500);
    expect(slack.length).toBeGreaterThan(0.9 * 500);
    expect(logins.length).toBeLessThan(500); // some people are not on GitHub
    for (const p of org.people) {
      expect(p.title.length).toBeGreaterThan(2);
      expect(p.department.length).toBeGreaterThan(2);
    }
    expect(org.people[0]!.title).toBe('Chief Executive Officer');
    expect(new Set(org.people.map((p) => p.department)).size).toBeGreaterThanOrEqual(4);
  });

  it('draws a few manager changes mid-period that keep the chart a tree with spans 3–8', () => {
    const org = buildSimulatedOrg(shape(3, 150, 90));
    expect(org.changes.length).toBeGreaterThanOrEqual(2);
    const last = org.epochOf(89);
    for (const c of org.changes) {
      expect(c.day).toBeGreaterThanOrEqual(30);
      expect(c.day).toBeLessThanOrEqual(60);
      expect(c.from).not.toBe(c.to);
      expect(org.managerOf(c.person, org.epochOf(c.day - 1))).toBe(c.from);
      expect(org.managerOf(c.person, org.epochOf(c.day))).toBe(c.to);
      expect(org.relation(c.person, c.to, org.epochOf(c.day))).toEqual({ direction: 'up', distance: 1 });
    }
    for (const p of org.people) {
      const span = org.reportsOf(p.index, last).length;
      if (span > 0) expect(span).toBeGreaterThanOrEqual(3);
      expect(span).toBeLessThanOrEqual(8);
    }
    expect(depthOf((i) => org.managerOf(i, last), 150)).toBeLessThan(150);
  });

  it('computes directions along the chain, subtree, siblings and otherwise lateral', () => {
    const org = buildSimulatedOrg(shape(1, 60));
    const leaf = org.people.findLast((p) => org.reportsOf(p.index, 0).length === 0)!.index;
    const manager = org.managerOf(leaf, 0);
    const skip = org.managerOf(manager, 0);
    expect(org.relation(leaf, manager, 0)).toEqual({ direction: 'up', distance: 1 });
    expect(org.relation(leaf, skip, 0)).toEqual({ direction: 'up', distance: 2 });
    expect(org.relation(skip, leaf, 0)).toEqual({ direction: 'down', distance: 2 });
    const peer = org.peersOf(leaf, 0)[0]!;
    expect(org.relation(leaf, peer, 0)).toEqual({ direction: 'peer', distance: null });
    const other = org.people.find((p) => {
      const r = org.relation(leaf, p.index, 0).direction;
      return p.index !== leaf && r === 'lateral';
    });
    expect(other).toBeDefined();
  });

  it('deals all four archetypes to leaders and only to leaders', () => {
    for (const seed of [1, 2, 3, 4]) {
      const org = buildSimulatedOrg(shape(seed, 40));
      const leaders = org.people.filter((p) => org.reportsOf(p.index, 0).length > 0);
      expect(new Set(leaders.map((p) => p.archetype))).toEqual(
        new Set(['directive', 'coach', 'passive', 'balanced']),
      );
      for (const p of org.people) expect(p.archetype !== null).toBe(org.reportsOf(p.index, 0).length > 0);
    }
  });

  it('has external client contacts at other domains', () => {
    const org = buildSimulatedOrg(shape(1, 100));
    expect(org.externals.length).toBeGreaterThanOrEqual(3);
    for (const x of org.externals) {
      expect(x.email).toMatch(/^[a-z-]+@[a-z-]+\.example$/);
      expect(x.email.endsWith('@acme.example')).toBe(false);
    }
    expect(new Set(org.externals.map((x) => x.email)).size).toBe(org.externals.length);
  });
});
