import { type ActivityEvent, ActivityEventSchema, type Identity, isPushpullError } from '@pushpull/core';
import { formatOrgCsv, OrgChart, type OrgRow, parseOrgCsv } from '@pushpull/org';
import { describe, expect, it } from 'vitest';
import { generateEvents } from './generate-events';
import { planSimulation } from './plan-simulation';
import { simulateOrganisation } from './simulate-organisation';
import { BROADCAST_MIN_AUDIENCE, type TruthEdge } from './truth';

const START = '2026-01-05';
const sim = simulateOrganisation({ seed: 11, people: 80, days: 42, start: START });

/** Email of an identity, via the org CSV's columns (the way a reader of the files would resolve it). */
function identityResolver(rows: readonly OrgRow[]): (who: Identity) => string | undefined {
  const byKey = new Map<string, string>();
  for (const r of rows) {
    byKey.set(`email:${r.email}`, r.email);
    if (r.githubLogin) byKey.set(`github:${r.githubLogin}`, r.email);
    if (r.slackId) byKey.set(`slack:${r.slackId}`, r.email);
  }
  return (who) =>
    (who.email && byKey.get(`email:${who.email}`)) ||
    (who.githubLogin && byKey.get(`github:${who.githubLogin}`)) ||
    (who.slackId && byKey.get(`slack:${who.slackId}`)) ||
    undefined;
}

/** Manager of everyone as of `date`, from the CSV rows alone (latest valid_from ≤ date wins; empty = always). */
function chartAt(rows: readonly OrgRow[], date: string): Map<string, string | null> {
  const best = new Map<string, { from: string; manager: string | null }>();
  for (const r of rows) {
    const from = r.validFrom ?? '';
    if (from > date) continue;
    const current = best.get(r.email);
    if (!current || from >= current.from) best.set(r.email, { from, manager: r.managerEmail });
  }
  return new Map([...best].map(([email, v]) => [email, v.manager]));
}

function referenceEdge(
  chart: Map<string, string | null>,
  author: string,
  other: string,
): Omit<TruthEdge, 'personId'> {
  if (!chart.has(other)) return { direction: 'external', distance: null };
  let d = 1;
  for (let p = chart.get(author) ?? null; p !== null; p = chart.get(p) ?? null, d++) {
    if (p === other) return { direction: 'up', distance: d };
  }
  d = 1;
  for (let p = chart.get(other) ?? null; p !== null; p = chart.get(p) ?? null, d++) {
    if (p === author) return { direction: 'down', distance: d };
  }
  const m = chart.get(author) ?? null;
  if (m !== null && m === chart.get(other)) return { direction: 'peer', distance: null };
  return { direction: 'lateral', distance: null };
}

describe('simulateOrganisation: determinism and shape', () => {
  it('is byte-identical for the same options and differs for another seed', () => {
    const opts = { seed: 5, people: 40, days: 10, start: START };
    const a = simulateOrganisation(opts);
    const b = simulateOrganisation(opts);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(b).toEqual(a);
    const c = simulateOrganisation({ ...opts, seed: 6 });
    expect(JSON.stringify(c.events)).not.toBe(JSON.stringify(a.events));
    expect(c.org.map((r) => r.email)).not.toEqual(a.org.map((r) => r.email));
  });

  it('streams the same events as it returns', () => {
    const plan = planSimulation({ seed: 11, people: 80, days: 42, start: START });
    let i = 0;
    for (const { event, truth } of generateEvents(plan)) {
      if (event.id !== sim.events[i]?.id) expect.fail(`event ${i} differs: ${event.id}`);
      if (truth !== undefined && i % 97 === 0) expect(truth).toEqual(sim.truth.events[event.id]);
      i++;
    }
    expect(i).toBe(sim.events.length);
    expect(plan.org).toEqual(sim.org);
  });

  it('produces 5–15 events per person per day, more on weekdays, in all three sources', () => {
    const perDay = sim.events.length / (80 * 42);
    expect(perDay).toBeGreaterThanOrEqual(5);
    expect(perDay).toBeLessThanOrEqual(15);
    const weekday = { work: 0, weekend: 0 };
    for (const e of sim.events) {
      const dow = new Date(e.occurredAt).getUTCDay();
      if (dow === 0 || dow === 6) weekday.weekend++;
      else weekday.work++;
    }
    expect(weekday.work / 30).toBeGreaterThan(5 * (weekday.weekend / 12));
    const types = new Set(sim.events.map((e) => e.type));
    for (const t of [
      'slack.message.posted',
      'outlook.message.sent',
      'outlook.event.organized',
      'github.pull_request.opened',
      'github.pull_request.review_requested',
      'github.pull_request_review.submitted',
      'github.issue.assigned',
      'github.issue_comment.created',
    ]) {
      expect(types.has(t), t).toBe(true);
    }
  });

  it('emits only schema-valid events with unique ids, sorted by occurredAt then id, inside the period', () => {
    const ids = new Set<string>();
    let previous: ActivityEvent | undefined;
    for (const e of sim.events) {
      const parsed = ActivityEventSchema.safeParse(e);
      if (!parsed.success) expect.fail(`${e.id}: ${parsed.error.message}`);
      expect(parsed.data).toEqual(e);
      ids.add(e.id);
      if (previous) {
        const ordered =
          previous.occurredAt < e.occurredAt || (previous.occurredAt === e.occurredAt && previous.id < e.id);
        if (!ordered) expect.fail(`${previous.id} before ${e.id}`);
      }
      previous = e;
    }
    expect(ids.size).toBe(sim.events.length);
    expect(sim.events[0]!.occurredAt >= `${START}T00:00:00Z`).toBe(true);
    expect(previous!.occurredAt < '2026-02-16T00:00:00Z').toBe(true);
  });

  it('has a truth entry for exactly every event, consistent with its targets', () => {
    expect(Object.keys(sim.truth.events).sort()).toEqual(sim.events.map((e) => e.id).sort());
    let broadcasts = 0;
    for (const e of sim.events) {
      const t = sim.truth.events[e.id]!;
      expect(t.initiative !== null).toBe(t.mode === 'push');
      if (t.broadcast) {
        broadcasts++;
        expect(e.targets).toHaveLength(0);
        expect(e.audience?.size ?? 0).toBeGreaterThanOrEqual(BROADCAST_MIN_AUDIENCE);
      } else {
        expect(t.edges).toHaveLength(e.targets.length);
      }
    }
    expect(broadcasts).toBeGreaterThan(0);
  });

  it('refuses bad options with a clear error', () => {
    try {
      simulateOrganisation({ seed: 1, people: 0, days: 10, start: START });
      expect.unreachable();
    } catch (err) {
      expect(isPushpullError(err, 'SIMULATION_OPTIONS_INVALID')).toBe(true);
      expect((err as Error).message).toMatch(/people/);
    }
    expect(() => simulateOrganisation({ seed: 1, people: 5, days: 10, start: '2026-02-30' })).toThrow(
      /start/,
    );
    expect(() => simulateOrganisation({ seed: 1.5, people: 5, days: 10, start: START })).toThrow(/seed/);
    expect(() => simulateOrganisation({ seed: 1, people: 5, days: 0, start: START })).toThrow(/days/);
    expect(() =>
      simulateOrganisation({ seed: 1, people: 5, days: 1, start: START, orgDomain: 'nodot' }),
    ).toThrow(/orgDomain/);
  });

  it('handles tiny organisations and a custom domain', () => {
    const one = simulateOrganisation({
      seed: 1,
      people: 1,
      days: 3,
      start: START,
      orgDomain: 'Initrode.example',
    });
    expect(one.org).toHaveLength(1);
    expect(one.org[0]!.email.endsWith('@initrode.example')).toBe(true);
    const five = simulateOrganisation({ seed: 1, people: 5, days: 7, start: START });
    expect(five.events.length).toBeGreaterThan(0);
    for (const e of five.events) expect(ActivityEventSchema.safeParse(e).success).toBe(true);
  });
});

describe('simulateOrganisation: org chart', () => {
  it('has unique people, known managers and history rows for manager changes', () => {
    const emails = new Set(sim.org.map((r) => r.email));
    for (const r of sim.org) if (r.managerEmail !== null) expect(emails.has(r.managerEmail)).toBe(true);
    const history = sim.org.filter((r) => r.validFrom !== null);
    expect(history.length).toBeGreaterThanOrEqual(1);
    expect(emails.size).toBe(80);
    expect(sim.org).toHaveLength(80 + history.length);
    for (const h of history) {
      const first = sim.org.find((r) => r.email === h.email && r.validFrom === null)!;
      expect(h.managerEmail).not.toBe(first.managerEmail);
      expect(h.validFrom! > START && h.validFrom! < '2026-02-16').toBe(true);
    }
  });

  it('survives the org CSV round trip, and the org package agrees with every truth direction', () => {
    const rows = parseOrgCsv(formatOrgCsv(sim.org));
    expect(rows).toEqual(sim.org);
    const chart = OrgChart.fromRows(rows);
    let compared = 0;
    for (const e of sim.events.filter((_, i) => i % 7 === 0)) {
      const at = new Date(e.occurredAt);
      const author = chart.resolve(e.actor);
      const truth = sim.truth.events[e.id]!;
      e.targets.forEach((target, k) => {
        const got = chart.direction(author, target, at);
        expect({ direction: got.direction, distance: got.distance, personId: got.personId }).toEqual(
          truth.edges[k],
        );
        compared++;
      });
    }
    expect(compared).toBeGreaterThan(1000);
  });

  it('names every leader (people with reports) with an archetype, all four present', () => {
    const managers = new Set(sim.org.flatMap((r) => (r.managerEmail ? [r.managerEmail] : [])));
    expect(new Set(Object.keys(sim.truth.leaders))).toEqual(managers);
    expect(new Set(Object.values(sim.truth.leaders).map((l) => l.archetype))).toEqual(
      new Set(['directive', 'coach', 'passive', 'balanced']),
    );
  });
});

describe('simulateOrganisation: ground truth', () => {
  const resolve = identityResolver(sim.org);
  const internal = new Set(sim.org.map((r) => r.email));

  it('uses each source’s identities; externals appear only by email in Outlook', () => {
    for (const e of sim.events) {
      const parties = [e.actor, ...e.targets];
      for (const who of parties) {
        if (e.source === 'github')
          expect(Object.keys(who).filter((k) => k !== 'role')).toEqual(['githubLogin']);
        if (e.source === 'slack') expect(Object.keys(who).filter((k) => k !== 'role')).toEqual(['slackId']);
        if (e.source === 'outlook') expect(who.email).toBeDefined();
      }
      expect(resolve(e.actor)).toBeDefined();
      for (const t of e.targets) {
        if (resolve(t) === undefined) {
          expect(e.source).toBe('outlook');
          expect(t.email!.endsWith('@acme.example')).toBe(false);
        }
      }
    }
  });

  it('gives every edge the direction of the CSV chart as it stood on the event day', () => {
    const charts = new Map<string, Map<string, string | null>>();
    let checked = 0;
    for (const e of sim.events) {
      const day = e.occurredAt.slice(0, 10);
      let chart = charts.get(day);
      if (!chart) {
        chart = chartAt(sim.org, day);
        charts.set(day, chart);
      }
      const author = resolve(e.actor)!;
      const truth = sim.truth.events[e.id]!;
      e.targets.forEach((target, k) => {
        const other = resolve(target) ?? target.email!;
        const edge = truth.edges[k]!;
        expect(edge.personId).toBe(internal.has(other) ? `p:${other}` : null);
        const expected = referenceEdge(chart, author, other);
        if (edge.direction !== expected.direction || edge.distance !== expected.distance) {
          expect.fail(`${e.id} → ${other}: ${JSON.stringify(edge)} vs ${JSON.stringify(expected)}`);
        }
        checked++;
      });
    }
    expect(checked).toBeGreaterThan(sim.events.length / 2);
    const directions = new Set(
      Object.values(sim.truth.events).flatMap((t) => t.edges.map((x) => x.direction)),
    );
    expect(directions).toEqual(new Set(['up', 'down', 'peer', 'lateral', 'external']));
  });

  it('follows a manager change: the new manager is "up" after valid_from, the old one before', () => {
    const history = sim.org.filter((r) => r.validFrom !== null);
    let before = 0;
    let after = 0;
    for (const h of history) {
      const old = sim.org.find((r) => r.email === h.email && r.validFrom === null)!.managerEmail;
      for (const e of sim.events) {
        if (resolve(e.actor) !== h.email) continue;
        const truth = sim.truth.events[e.id]!;
        e.targets.forEach((t, k) => {
          const other = resolve(t);
          const edge = truth.edges[k]!;
          const isAfter = e.occurredAt.slice(0, 10) >= h.validFrom!;
          if (other === h.managerEmail && isAfter) {
            expect(edge).toMatchObject({ direction: 'up', distance: 1 });
            after++;
          }
          if (other === old && !isAfter) {
            expect(edge).toMatchObject({ direction: 'up', distance: 1 });
            before++;
          }
          if (other === old && isAfter) expect(edge.distance === 1 && edge.direction === 'up').toBe(false);
        });
      }
    }
    expect(before).toBeGreaterThan(0);
    expect(after).toBeGreaterThan(0);
  });

  it('marks as responsive exactly the pushes that answer an earlier pull of their target', () => {
    const byId = new Map(sim.events.map((e) => [e.id, e]));
    const pulled = new Set<string>(); // conversation|puller|pulled
    let responsive = 0;
    for (const e of sim.events) {
      const truth = sim.truth.events[e.id]!;
      const author = resolve(e.actor)!;
      const targets = e.targets.map((t) => resolve(t) ?? t.email!);
      if (truth.mode === 'pull') for (const t of targets) pulled.add(`${e.conversationId}|${author}|${t}`);
      if (truth.mode !== 'push') continue;
      const answersPull = targets.some((t) => pulled.has(`${e.conversationId}|${t}|${author}`));
      expect(answersPull, e.id).toBe(truth.initiative === 'responsive');
      if (truth.initiative === 'responsive') {
        responsive++;
        expect(targets).toHaveLength(1);
        const question = byId.get(e.inReplyTo!)!;
        expect(sim.truth.events[question.id]!.mode).toBe('pull');
        expect(question.conversationId).toBe(e.conversationId);
        expect(resolve(question.actor)).toBe(targets[0]);
        expect(question.occurredAt < e.occurredAt).toBe(true);
      }
    }
    expect(responsive).toBeGreaterThan(100);
  });

  it('labels typed GitHub and calendar events by their type', () => {
    const expected: Record<string, [string, string | null]> = {
      'github.pull_request.opened': ['push', 'proactive'],
      'github.pull_request.review_requested': ['pull', null],
      'github.pull_request_review.submitted': ['push', 'responsive'],
      'github.issue.opened': ['push', 'proactive'],
      'github.issue.assigned': ['push', 'proactive'],
      'outlook.event.organized': ['neutral', null],
    };
    for (const e of sim.events) {
      const want = expected[e.type];
      if (!want) continue;
      const t = sim.truth.events[e.id]!;
      expect([t.mode, t.initiative]).toEqual(want);
      if (e.type === 'github.pull_request_review.submitted') {
        expect(e.targets[0]!.role).toBe('author');
        expect(['approved', 'changes_requested', 'commented']).toContain(e.attributes.state);
      }
    }
  });

  it('writes texts whose form matches the truth', () => {
    for (const e of sim.events) {
      const t = sim.truth.events[e.id]!;
      if (!e.text) continue;
      if (t.mode === 'push') expect(e.text.includes('?'), e.text).toBe(false);
      if (t.mode === 'pull')
        expect(e.text.endsWith('?') || e.text.startsWith('Please send me'), e.text).toBe(true);
    }
  });

  it('shows the archetypes in the truth', () => {
    const big = simulateOrganisation({ seed: 2, people: 120, days: 20, start: START });
    const who = identityResolver(big.org);
    const tally: Record<string, Record<string, number>> = {};
    for (const e of big.events) {
      const archetype = big.truth.leaders[who(e.actor)!]?.archetype;
      if (!archetype) continue;
      const t = big.truth.events[e.id]!;
      const counts = tally[archetype] ?? {};
      tally[archetype] = counts;
      for (const edge of t.edges) {
        const key = `${edge.direction}:${t.mode}${t.initiative ? `:${t.initiative}` : ''}`;
        counts[key] = (counts[key] ?? 0) + 1;
      }
    }
    const get = (a: string, k: string) => tally[a]?.[k] ?? 0;
    const downPull = (a: string) =>
      get(a, 'down:pull') /
      (get(a, 'down:pull') + get(a, 'down:push:proactive') + get(a, 'down:push:responsive'));
    const upProactivity = (a: string) =>
      get(a, 'up:push:proactive') / (get(a, 'up:push:proactive') + get(a, 'up:push:responsive'));
    expect(downPull('coach')).toBeGreaterThan(downPull('balanced'));
    expect(downPull('balanced')).toBeGreaterThan(downPull('directive'));
    for (const a of ['directive', 'coach', 'balanced'])
      expect(upProactivity('passive')).toBeLessThan(upProactivity(a));
    const pushShare = (a: string, dir: string) => {
      const push = get(a, `${dir}:push:proactive`) + get(a, `${dir}:push:responsive`);
      return push / (push + get(a, `${dir}:pull`));
    };
    for (const dir of ['down', 'peer', 'external']) expect(pushShare('directive', dir)).toBeGreaterThan(0.85);
  });

  it('streams 200k+ events (its speed is measured by bench/pipeline, not here)', () => {
    let count = 0;
    for (const _ of generateEvents(planSimulation({ seed: 1, people: 300, days: 90, start: START }))) count++;
    expect(count).toBeGreaterThanOrEqual(200_000);
  }, 60_000);
});
