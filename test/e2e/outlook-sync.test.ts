import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type GraphDouble,
  type GraphSeed,
  graphDoubleEnv,
  startGraphDouble,
} from '@pushpull/api-doubles/graph';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_BIN, type SpawnedProcess, spawnEntry } from '../support/spawn-service';

/*
 * `pushpull sync outlook --once` through the real CLI (a spawned Node process) against the HTTPS
 * Graph double running in this process. The child trusts the double's throwaway certificate through
 * NODE_EXTRA_CA_CERTS, read when Node starts. Cursors and the org chart live in the embedded store
 * (PUSHPULL_DATA_DIR), so no service is needed.
 *
 * Each CLI start costs up to a second and a fresh embedded store tens of seconds on a loaded machine,
 * so the runs go in three rounds of two processes in parallel, each on its own data dir:
 *   1. full mode (dir A, through injected 429s)    ∥ PUSHPULL_CONTENT=features (dir B)
 *   2. a second run on A (nothing new)             ∥ `org export` on B
 *   3. a third run on A (one added mail, one       ∥ a wrong client secret on B
 *      mailbox's delta links expired → 410)
 * `--out` is appended to (ids already there are never written twice), so each run writes its own
 * file; a successful run that finds nothing new leaves an empty file.
 */

const CLI = CLI_BIN;
const SINCE = '2017-01-01';
const MEGAN = 'MeganB@M365x214355.onmicrosoft.com';
const ADELE = 'AdeleV@M365x214355.onmicrosoft.com';
/** The double's access tokens all start `dbl.`; a bearer header or token must never be printed. */
const TOKEN = /dbl\.[A-Za-z0-9_-]{8,}|bearer\s+\S/i;

interface Line {
  id: string;
  type: string;
  subject?: string | null;
  text?: string | null;
  attributes: Record<string, unknown>;
}

function lines(file: string): Line[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Line);
}

/** The activity of the seed, counted from the seed alone (not with the connector's code). */
function expectedIds(seed: GraphSeed): Set<string> {
  const ids = new Set<string>();
  const mailOf = (id: string) => seed.users.find((u) => u.id === id)?.mail?.toLowerCase();
  for (const [mailbox, messages] of Object.entries(seed.sentItems)) {
    for (const m of messages) {
      // Counted once, from its sender's Sent Items (a mail sent on someone's behalf is not theirs).
      if (m.sender.emailAddress.address.toLowerCase() === mailOf(mailbox))
        ids.add(`outlook:${mailbox}:message:${m.internetMessageId}`);
    }
  }
  for (const [mailbox, events] of Object.entries(seed.events)) {
    for (const e of events) {
      if (e.organizer.emailAddress.address.toLowerCase() === mailOf(mailbox) && !e.isCancelled)
        ids.add(`outlook:${mailbox}:event:${e.seriesMasterId ?? e.id}`);
    }
  }
  return ids;
}

/** Rows of a CSV without line breaks inside fields (what `org export` prints for this seed). */
function parseCsv(text: string): Record<string, string>[] {
  const split = (line: string): string[] => {
    const out: string[] = [];
    let field = '';
    let quoted = false;
    for (let i = 0; i < line.length; i += 1) {
      const c = line[i];
      if (quoted && c === '"' && line[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = !quoted;
      else if (c === ',' && !quoted) {
        out.push(field);
        field = '';
      } else field += c;
    }
    out.push(field);
    return out;
  };
  const [header, ...rows] = text.trim().split('\n').map(split);
  return rows.map((r) => Object.fromEntries((header ?? []).map((h, i) => [h, r[i] ?? ''])));
}

function graphEnv(graph: GraphDouble, dataDir: string, extra: Record<string, string> = {}) {
  return {
    ...graphDoubleEnv(graph),
    PUSHPULL_DATA_DIR: dataDir,
    ...extra,
  };
}

const sync = (env: Record<string, string>, out: string, since = true) =>
  spawnEntry(CLI, ['sync', 'outlook', '--once', '--out', out, ...(since ? ['--since', SINCE] : [])], env);

async function ok(p: SpawnedProcess): Promise<SpawnedProcess> {
  const { code } = await p.exited;
  if (code !== 0) throw new Error(`exit ${code}\n${p.stderr()}`);
  return p;
}

describe('pushpull sync outlook (CLI) against the Graph double', () => {
  let full: GraphDouble;
  let feat: GraphDouble;
  let dir: string;
  let expected: Set<string>;
  const runs: SpawnedProcess[] = [];
  const dataA = () => join(dir, 'data-a');
  const dataB = () => join(dir, 'data-b');
  let first: SpawnedProcess;
  let features: SpawnedProcess;

  beforeAll(async () => {
    [full, feat] = await Promise.all([startGraphDouble(), startGraphDouble()]);
    dir = mkdtempSync(join(tmpdir(), 'pushpull-outlook-cli-'));
    expected = expectedIds(full.seed);
    // Throttling on the first run: the directory read and some mailbox delta requests answer 429.
    full.injectFaults({ throttle: { count: 1, kind: 'users', retryAfter: 1 } });
    full.injectFaults({ throttle: { count: 3, kind: 'mail', retryAfter: 1 } });
    first = sync(graphEnv(full, dataA()), join(dir, 'first.jsonl'));
    features = sync(graphEnv(feat, dataB(), { PUSHPULL_CONTENT: 'features' }), join(dir, 'features.jsonl'));
    runs.push(first, features);
    await Promise.all([ok(first), ok(features)]);
  }, 150_000);

  afterAll(async () => {
    for (const p of runs) if (p.child.exitCode === null) p.child.kill();
    await Promise.all([full?.close(), feat?.close()]);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('emits exactly one event per sent mail and per organised meeting of the seed, through 429s', () => {
    expect(expected.size).toBe(16); // 13 mails sent from their own mailbox + 3 organised meetings
    const ids = lines(join(dir, 'first.jsonl')).map((e) => e.id);
    expect(ids.length).toBe(expected.size);
    expect(new Set(ids)).toEqual(expected);
    // The injected 429s were served, and Retry-After (1 s) was waited out before the retry.
    const users = full.requestLog.filter((r) => r.kind === 'users');
    expect(users.map((r) => r.status)).toEqual([429, 200]);
    expect((users[1]?.at ?? 0) - (users[0]?.at ?? 0)).toBeGreaterThanOrEqual(900);
    expect(
      full.requestLog.filter((r) => r.kind === 'mail' && r.status === 429).length,
    ).toBeGreaterThanOrEqual(3);
    // Progress and the summary on stderr, as for the other sources; nothing on stdout.
    expect(first.stdout()).toBe('');
    expect(first.stderr()).toMatch(
      /^pushpull sync outlook: 0\/31 scopes, 0 events, \d+ requests — 31 mailboxes$/m,
    );
    expect(first.stderr()).toMatch(
      new RegExp(
        `^pushpull sync outlook: 16 events from 31 scopes in \\d+ requests → ${join(dir, 'first.jsonl')}$`,
        'm',
      ),
    );
  });

  it('with PUSHPULL_CONTENT=features writes no subject or preview text of the seed, only text features', () => {
    const file = join(dir, 'features.jsonl');
    const events = lines(file);
    expect(new Set(events.map((e) => e.id))).toEqual(expectedIds(feat.seed));
    const raw = readFileSync(file, 'utf8');
    const texts = [
      ...Object.values(feat.seed.sentItems)
        .flat()
        .flatMap((m) => [m.subject, m.bodyPreview]),
      ...Object.values(feat.seed.events)
        .flat()
        .flatMap((e) => [e.subject, e.bodyPreview]),
    ].filter((t): t is string => !!t && t.trim().length > 3);
    expect(texts.length).toBeGreaterThan(20);
    for (const t of texts) {
      expect(raw).not.toContain(t);
      expect(raw).not.toContain(JSON.stringify(t.slice(0, 20)).slice(1, -1));
    }
    for (const e of events) {
      expect(e.text ?? null).toBeNull();
      expect(e.subject ?? null).toBeNull();
      expect(e.attributes.textFeatures).toMatchObject({ v: 1 });
    }
  });

  describe('after the first run', () => {
    let second: SpawnedProcess;
    let exported: SpawnedProcess;

    beforeAll(async () => {
      // The embedded store is one process at a time: `org export` reads dir B (synced from a double
      // with the same seed) while the second sync runs on dir A.
      second = sync(graphEnv(full, dataA()), join(dir, 'second.jsonl'), false);
      exported = spawnEntry(CLI, ['org', 'export'], { PUSHPULL_DATA_DIR: dataB() });
      runs.push(second, exported);
      await Promise.all([ok(second), ok(exported)]);
    }, 120_000);

    it('org export lists every Graph user with the manager Entra ID gives', () => {
      const rows = parseCsv(exported.stdout());
      expect(rows.length).toBe(feat.seed.users.length);
      const mailOf = (id: string | null) =>
        feat.seed.users.find((u) => u.id === id)?.mail?.toLowerCase() ?? '';
      for (const u of feat.seed.users) {
        const row = rows.find((r) => r.email === u.mail?.toLowerCase());
        expect(row, u.mail ?? u.id).toBeDefined();
        expect(row?.manager_email).toBe(mailOf(u.managerId));
        expect(row?.name).toBe(u.displayName);
      }
      expect(feat.seed.users.filter((u) => u.managerId).length).toBeGreaterThan(10);
    });

    it('a second run emits nothing and leaves an empty --out file', () => {
      expect(existsSync(join(dir, 'second.jsonl'))).toBe(true);
      expect(readFileSync(join(dir, 'second.jsonl'), 'utf8')).toBe('');
      expect(second.stderr()).toMatch(/^pushpull sync outlook: 0 events from 31 scopes in \d+ requests/m);
    });

    describe('then a mail is sent and one mailbox loses its delta links', () => {
      let third: SpawnedProcess;
      let wrong: SpawnedProcess;
      let added: string;
      let megan: string;
      let log: typeof full.requestLog;
      const secret = 'wrong-secret-Zx9~value';

      beforeAll(async () => {
        const adele = full.seed.users.find((u) => u.mail === ADELE)?.id ?? '';
        megan = full.seed.users.find((u) => u.mail === MEGAN)?.id ?? '';
        const mail = full.addMessage(ADELE, {
          subject: 'Launch plan',
          bodyPreview: 'Here is the launch plan for next week.',
          to: ['LynneR@M365x214355.onmicrosoft.com'],
        });
        added = `outlook:${adele}:message:${mail.internetMessageId}`;
        full.injectFaults({ expireDeltaLinks: MEGAN });
        const before = full.requestLog.length;
        third = sync(graphEnv(full, dataA()), join(dir, 'third.jsonl'), false);
        wrong = sync(
          graphEnv(feat, dataB(), { GRAPH_CLIENT_SECRET: secret, PUSHPULL_CONTENT: 'features' }),
          join(dir, 'wrong.jsonl'),
        );
        runs.push(third, wrong);
        await Promise.all([ok(third), wrong.exited]);
        log = full.requestLog.slice(before);
      }, 120_000);

      it('the new mail is the only event of the third run', () => {
        expect(lines(join(dir, 'third.jsonl')).map((e) => e.id)).toEqual([added]);
        expect(third.stderr()).toMatch(/^pushpull sync outlook: 1 events from 31 scopes/m);
      });

      it('a 410 on one mailbox resyncs that mailbox only, without duplicates', () => {
        const gone = log.filter((r) => r.status === 410);
        expect(gone.length).toBeGreaterThan(0);
        expect(new Set(gone.map((r) => r.mailbox))).toEqual(new Set([megan]));
        const restarted = log.filter((r) => r.delta === 'initial');
        expect(restarted.map((r) => r.mailbox)).toEqual([megan, megan]); // its Sent Items and calendar
        expect(new Set(restarted.map((r) => r.kind))).toEqual(new Set(['mail', 'events']));
        // Everybody else resumed from their delta links (Megan's were tried and answered 410).
        const resumed = new Set(
          log.filter((r) => r.delta === 'delta' && r.status === 200).map((r) => r.mailbox),
        );
        expect(resumed).toEqual(new Set(full.seed.users.filter((u) => u.id !== megan).map((u) => u.id)));
        expect(third.stderr()).toContain('delta link expired (410)');
        // The resync re-read Megan's mailbox but wrote none of it again.
        const thirdIds = lines(join(dir, 'third.jsonl')).map((e) => e.id);
        expect(thirdIds.filter((id) => id.startsWith(`outlook:${megan}:`))).toEqual([]);
      });

      it('a wrong client secret exits non-zero with one line naming GRAPH_CLIENT_SECRET, never its value', async () => {
        expect((await wrong.exited).code).toBe(1);
        const err = wrong.stderr().split('\n').filter(Boolean);
        expect(err).toHaveLength(1);
        expect(err[0]).toMatch(/^pushpull sync outlook: .*GRAPH_CLIENT_SECRET/);
        expect(err[0]).not.toContain(secret);
        expect(wrong.stdout()).toBe('');
        expect(existsSync(join(dir, 'wrong.jsonl'))).toBe(false);
      });

      it('no secret or token appears on stdout/stderr of any run, nor in any --out file', () => {
        const secrets = [full.seed.app.clientSecret, feat.seed.app.clientSecret, secret];
        const outs = ['first', 'features', 'second', 'third']
          .map((f) => readFileSync(join(dir, `${f}.jsonl`), 'utf8'))
          .join('');
        for (const text of [...runs.map((p) => p.stdout() + p.stderr()), outs]) {
          for (const s of secrets) expect(text).not.toContain(s);
          expect(text).not.toMatch(TOKEN);
        }
        expect(runs.length).toBe(6);
      });
    });
  });
});
