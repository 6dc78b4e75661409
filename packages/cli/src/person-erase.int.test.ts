import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type PushpullConfig, parseConfig } from '@pushpull/config';
import type { ActivityEvent } from '@pushpull/core';
import { formatOrgCsv, OrgChart } from '@pushpull/org';
import { createLogger } from '@pushpull/runtime';
import { servePipeline } from '@pushpull/service-all-in-one';
import { simulateOrganisation } from '@pushpull/simulator';
import {
  applyRetention,
  listAudit,
  loadOrgRows,
  openStore,
  rebuildRollups,
  replaceOrgChart,
  type Store,
} from '@pushpull/store';
import { createScratchDatabase } from '@pushpull/store/testing';
import { sql } from 'kysely';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { auditCommand } from './audit-command';
import { ingestCommand } from './ingest-command';
import { orgImportCommand } from './org-command';
import { personEraseCommand } from './person-command';
import { reclassifyCommand } from './reclassify-command';
import { rollupLines, rowsNaming } from './testing/erasure-scan';

const SIM = { seed: 7, people: 12, days: 10, start: '2026-09-01' } as const;

/** A database to run the scenario on: its config, and how to drop it. */
interface Backend {
  config: PushpullConfig;
  pgUrl?: string;
  drop(): Promise<void>;
}
type MakeBackend = (dir: string) => Promise<Backend>;

const pglite: MakeBackend = async (dir) => ({
  config: parseConfig({ PUSHPULL_DATA_DIR: dir, PUSHPULL_LOG_LEVEL: 'silent' }),
  drop: async () => {},
});

function postgres(baseUrl: string): MakeBackend {
  return async (dir) => {
    const scratch = await createScratchDatabase(baseUrl);
    return {
      config: parseConfig({
        DATABASE_URL: scratch.url,
        PUSHPULL_DATA_DIR: dir,
        PUSHPULL_LOG_LEVEL: 'silent',
      }),
      pgUrl: scratch.url,
      drop: () => scratch.drop(),
    };
  };
}

async function withStore<T>(config: PushpullConfig, work: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore({
    ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}),
    dataDir: config.dataDir,
  });
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

async function factIds(store: Store): Promise<Set<string>> {
  const r = await sql<{ event_id: string }>`select event_id from labeled_fact`.execute(store.db);
  return new Set(r.rows.map((row) => row.event_id));
}

/** Runs `ingestCommand` and returns what it said on stderr. */
async function ingest(file: string, config: PushpullConfig): Promise<string> {
  const said: string[] = [];
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    said.push(String(chunk));
    return true;
  });
  try {
    expect(await ingestCommand(file, config)).toBe(0);
  } finally {
    spy.mockRestore();
  }
  return said.join('');
}

function describeErasure(name: string, make: MakeBackend | null): void {
  describe.skipIf(!make)(`pushpull person erase on ${name}`, { timeout: 600_000 }, () => {
    const root = mkdtempSync(join(tmpdir(), 'pushpull-erase-'));
    const backends: Backend[] = [];
    afterAll(async () => {
      for (const b of backends) await b.drop();
      rmSync(root, { recursive: true, force: true });
    });
    const backend = async (dir: string) => {
      const b = await make!(join(root, dir));
      backends.push(b);
      return b;
    };

    it('leaves no row naming the person, rollups equal a fresh ingest without their events, later ingests and syncs store nothing of them', async () => {
      const sim = simulateOrganisation(SIM);
      const chart = OrgChart.fromRows(sim.org);
      // A middle manager: has a manager and reports, and acts in every source.
      const victim = sim.org.find(
        (p) =>
          p.managerEmail !== null && sim.org.some((r) => r.managerEmail === p.email && r.email !== p.email),
      )!;
      expect(victim.githubLogin && victim.slackId && victim.name).toBeTruthy();
      const pid = `p:${victim.email}`;
      const needles = [victim.email, victim.name!, victim.githubLogin!, victim.slackId!];
      const all = join(root, 'all.jsonl');
      writeFileSync(all, `${sim.events.map((e) => JSON.stringify(e)).join('\n')}\n`);

      // Ingest everything, then erase.
      const db = await backend('erased');
      await withStore(db.config, (s) => replaceOrgChart(s.db, sim.org));
      await ingest(all, db.config);
      const before = await withStore(db.config, async (s) => {
        expect((await rowsNaming(s, needles)).length).toBeGreaterThan(0);
        return factIds(s);
      });
      const printed: string[] = [];
      expect(
        await personEraseCommand(victim.email.toUpperCase(), { yes: true }, db.config, undefined, (l) =>
          printed.push(l),
        ),
      ).toBe(0);
      expect(printed.join('\n')).not.toContain(victim.email);
      expect(printed.join('\n')).toMatch(/deleted: [1-9]\d* facts/);

      const erased = await withStore(db.config, async (s) => {
        // (a) no row, in any table, contains the address, the person id, the name or an account.
        expect(await rowsNaming(s, [...needles, pid])).toEqual([]);
        // Their reports now report to their own manager.
        const rows = await loadOrgRows(s.db);
        const reports = sim.org.filter((r) => r.managerEmail === victim.email).map((r) => r.email);
        expect(reports.length).toBeGreaterThan(0);
        for (const email of reports) {
          expect(rows.find((r) => r.email === email)?.managerEmail).toBe(victim.managerEmail);
        }
        // (d) one audit row: the address's keyed hash and counts only; the suppression holds hashes only.
        const audit = await listAudit(s.db);
        expect(audit).toHaveLength(1);
        expect(audit[0]).toMatchObject({ action: 'person.erase', actor: expect.stringMatching(/^cli/) });
        expect(audit[0]?.subjectHash).toMatch(/^[0-9a-f]{64}$/);
        expect(audit[0]?.detail).toMatchObject({ facts: expect.any(Number), suppressed: 3 });
        const suppressed = await sql<{ n: number }>`select count(*)::integer as n from suppression`.execute(
          s.db,
        );
        expect(Number(suppressed.rows[0]?.n)).toBe(3); // address, GitHub login, Slack id
        // The rollups are what the rule makes of the remaining facts.
        const lines = await rollupLines(s);
        await rebuildRollups(s.db);
        expect(await rollupLines(s)).toEqual(lines);
        const after = await factIds(s);
        return { lines, ids: [...before].filter((id) => !after.has(id)) };
      });
      const erasedIds = new Set(erased.ids);
      // Every event the person acted in went; every fact left has no edge to them (checked by the scan).
      for (const e of sim.events) {
        if (before.has(e.id) && chart.resolve(e.actor) === pid) expect(erasedIds.has(e.id)).toBe(true);
      }

      // (b) a fresh database ingested with the same events minus the erased ones has the same rollups.
      const fresh = await backend('fresh');
      const rest = join(root, 'rest.jsonl');
      writeFileSync(
        rest,
        `${sim.events
          .filter((e) => !erasedIds.has(e.id))
          .map((e) => JSON.stringify(e))
          .join('\n')}\n`,
      );
      await withStore(fresh.config, (s) => replaceOrgChart(s.db, sim.org));
      await ingest(rest, fresh.config);
      expect(await withStore(fresh.config, rollupLines)).toEqual(erased.lines);

      // (c) ingesting every event again drops theirs at the door and stores nothing of them.
      const said = await ingest(all, db.config);
      const involving = sim.events.filter((e) =>
        [e.actor, ...e.targets].some(
          (i: ActivityEvent['actor']) =>
            i.email === victim.email || i.githubLogin === victim.githubLogin || i.slackId === victim.slackId,
        ),
      ).length;
      expect(said).toContain(`${involving} events of erased people dropped`);
      await withStore(db.config, async (s) => {
        expect(await rowsNaming(s, [...needles, pid])).toEqual([]);
        expect(await rollupLines(s)).toEqual(erased.lines);
      });

      // Importing the HR file again (it still lists them) skips their row and keeps their reports moved.
      const orgCsv = join(root, 'org.csv');
      writeFileSync(orgCsv, formatOrgCsv(sim.org));
      vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
      try {
        expect(await orgImportCommand(orgCsv, db.config)).toBe(0);
      } finally {
        vi.restoreAllMocks();
      }
      await withStore(db.config, async (s) => {
        expect(await rowsNaming(s, [...needles, pid])).toEqual([]);
        const rows = await loadOrgRows(s.db);
        for (const r of sim.org.filter((p) => p.managerEmail === victim.email)) {
          expect(rows.find((x) => x.email === r.email)?.managerEmail).toBe(victim.managerEmail);
        }
      });

      // (c) a later sync (the simulated organisation as a connector: its chart and its events) too. A
      // title changed meanwhile comes back from the sync's chart: proof that the sync ran.
      const other = sim.org.find((p) => p.email !== victim.email && p.title)!;
      await withStore(db.config, (s) =>
        s.db.updateTable('org_person').set({ title: 'stale' }).where('email', '=', other.email).execute(),
      );
      const pipeline = await servePipeline({
        config: db.config,
        logger: createLogger('silent', 'test'),
        services: ['connectors', 'classifier', 'aggregator'],
        simulate: SIM,
      });
      try {
        await pipeline.settled(120_000);
      } finally {
        await pipeline.stop();
      }
      await withStore(db.config, async (s) => {
        expect(await rowsNaming(s, [...needles, pid])).toEqual([]);
        expect(await rollupLines(s)).toEqual(erased.lines);
        const rows = await loadOrgRows(s.db);
        expect(rows.find((r) => r.email === other.email)?.title).toBe(other.title);
        expect(rows.length).toBe(sim.org.length - 1);
        for (const r of sim.org.filter((p) => p.managerEmail === victim.email)) {
          expect(rows.find((x) => x.email === r.email)?.managerEmail).toBe(victim.managerEmail);
        }
      });

      // `pushpull audit` lists the row by its hash.
      const out: string[] = [];
      await auditCommand({ format: 'json' }, db.config, (t) => out.push(t));
      const listed = JSON.parse(out.join('')) as { action: string; subjectHash: string }[];
      expect(listed.map((r) => r.action)).toEqual(['person.erase']);
      expect(out.join('')).not.toContain(victim.email);

      // Reclassifying every event leaves theirs out (the others are labelled against today's chart,
      // where the person's reports moved up, so rollups may change: they stay the rule's).
      vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
      try {
        expect(await reclassifyCommand({ input: all }, db.config)).toBe(0);
      } finally {
        vi.restoreAllMocks();
      }
      await withStore(db.config, async (s) => {
        expect(await rowsNaming(s, [...needles, pid])).toEqual([]);
        const lines = await rollupLines(s);
        await rebuildRollups(s.db);
        expect(await rollupLines(s)).toEqual(lines);
      });

      // On Postgres, the dump itself.
      if (db.pgUrl) {
        const dump = execFileSync('pg_dump', ['--no-owner', db.pgUrl], {
          encoding: 'utf8',
          maxBuffer: 1 << 28,
        });
        expect(dump).toContain('labeled_fact');
        for (const needle of [victim.email, victim.name!, victim.slackId!])
          expect(dump).not.toContain(needle);
      }
    });

    it('retention: facts before the kept days go with their rollups, an audit row counts them', async () => {
      const sim = simulateOrganisation(SIM);
      const all = join(root, 'retention.jsonl');
      writeFileSync(all, `${sim.events.map((e) => JSON.stringify(e)).join('\n')}\n`);
      const db = await backend('retention');
      await withStore(db.config, (s) => replaceOrgChart(s.db, sim.org));
      await ingest(all, db.config);
      await withStore(db.config, async (s) => {
        const before = await factIds(s);
        // The clock: the simulation's last day; keep 4 days → from 2026-09-07.
        const r = await applyRetention(s.db, {
          days: 4,
          actor: 'retention',
          now: new Date('2026-09-10T12:00:00Z'),
        });
        expect(r.keepFrom).toBe('2026-09-07');
        const old = sim.events.filter((e) => before.has(e.id) && e.occurredAt < '2026-09-07').length;
        expect(old).toBeGreaterThan(0);
        expect(r.facts).toBe(old);
        const left = await sql<{ n: number }>`
          select count(*)::integer as n from labeled_fact where occurred_at < '2026-09-07'`.execute(s.db);
        expect(Number(left.rows[0]?.n)).toBe(0);
        const lines = await rollupLines(s);
        expect(lines.every((l) => (l.split('|')[1] ?? '') >= '2026-09-07')).toBe(true);
        await rebuildRollups(s.db);
        expect(await rollupLines(s)).toEqual(lines);
        const audit = await listAudit(s.db);
        expect(audit.map((a) => [a.action, a.subjectHash, a.detail.facts])).toEqual([
          ['retention.run', null, old],
        ]);
      });
    });
  });
}

describeErasure('PGlite', pglite);
const baseUrl = process.env.DATABASE_URL;
describeErasure('Postgres', baseUrl ? postgres(baseUrl) : null);
