/**
 * Draws the real labelled corpus's items from the recorded data in `../shared/data` (a folder users do
 * not have: this script is run once by whoever builds the corpus, never by a test or CI).
 *
 *   npx tsx packages/classifier/corpus/tools/sample-corpus.ts [--data ../shared/data] [--seed 20261206]
 *
 * Whole threads / conversations are drawn at random with a fixed seed (nothing is picked by hand) and
 * each thread is put into train / dev / test before any item is labelled, so the test split is frozen
 * from the start. Writes `corpus/items/<source>.jsonl`.
 *
 *   … sample-corpus.ts --supplement [--seed 20261207]
 *
 * draws the train-only supplement instead (`corpus/supplement/items/<source>.jsonl`, ids from 10001):
 * threads the corpus does not hold, and none of the Arya threads its dev or test splits use.
 *
 *   … sample-corpus.ts --extension [--seed 20261208]
 *
 * draws the test extension instead (`corpus/extension/items/<source>.jsonl`, ids from 20001, every item
 * in test): threads neither the corpus nor the supplement holds, and no Arya thread either of them uses
 * at all (Arya's threads are whole issues; a test run from an issue that train or dev also samples would
 * leak).
 *
 *   … sample-corpus.ts --fresh [--seed 20261209]
 *
 * draws the fresh test set (`corpus/fresh/items/<source>.jsonl`, ids from 30001, every item in test),
 * drawn after 0.5.0 to measure the calibration chosen then on text nothing was tuned on: threads that none
 * of the corpus, the supplement and the extension holds (no Arya: its unused threads are gone).
 * `--out DIR` writes the items to DIR instead (to check that a draw is reproduced).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRng, type Rng } from '@pushpull/simulator';
import type { CorpusItem, CorpusOrigin, CorpusSource, CorpusSplit } from '../../eval/corpus-item';
import { groupBy } from '../../eval/group-by';
import { corpusPart } from './corpus-part';

const here = dirname(fileURLToPath(import.meta.url));
const corpusDir = resolve(here, '..');

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return (i >= 0 ? args[i + 1] : undefined) ?? fallback;
};
const dataDir = resolve(arg('data', resolve(corpusDir, '../../../../shared/data')));
/**
 * The draws, in the order they were made: each one's seed, how many messages each origin contributes
 * (whole threads are drawn until the count is reached), where its ids start, and whether it is test only
 * (the extension, the fresh set: no item of it is ever trained or tuned on). A draw never repeats a
 * thread or record of the draws before it.
 */
const DRAWS = [
  {
    flag: null,
    seed: 20261206,
    firstId: 0,
    heldOut: false,
    targets: { enron: 1350, irc: 720, gitter: 720, vcu: 620, arya: 720 },
  },
  {
    flag: '--supplement',
    seed: 20261207,
    firstId: 10_000,
    heldOut: false,
    targets: { enron: 2400, irc: 1500, gitter: 900, vcu: 900, arya: 900 },
  },
  {
    flag: '--extension',
    seed: 20261208,
    firstId: 20_000,
    heldOut: true,
    targets: { enron: 900, irc: 450, gitter: 450, vcu: 450, arya: 450 },
  },
  {
    flag: '--fresh',
    seed: 20261209,
    firstId: 30_000,
    heldOut: true,
    targets: { enron: 320, irc: 160, gitter: 160, vcu: 320, arya: 0 },
  },
] as const satisfies readonly {
  flag: string | null;
  seed: number;
  firstId: number;
  heldOut: boolean;
  targets: Record<CorpusOrigin, number>;
}[];
const named = DRAWS.filter((d) => d.flag !== null && args.includes(d.flag));
if (named.length > 1) {
  console.error('--supplement, --extension and --fresh are different draws: pick one');
  process.exit(2);
}
const drawIndex = named[0] ? DRAWS.indexOf(named[0]) : 0;
const draw = DRAWS[drawIndex] as (typeof DRAWS)[number];
/** The folder of a draw's items. */
const itemsOf = (d: (typeof DRAWS)[number]) => join(corpusPart(d.flag === null ? [] : [d.flag]).dir, 'items');
const supplement = draw.flag === '--supplement';
const heldOut = draw.heldOut;
const seed = Number(arg('seed', String(draw.seed)));
const TARGETS: Record<CorpusOrigin, number> = draw.targets;
/** Threads longer than this keep their first messages only (the context a later message needs is earlier). */
const MAX_THREAD = 30;
/** Share of each origin's items that goes to test and dev; the rest is train. */
const TEST_SHARE = 0.3;
const DEV_SHARE = 0.15;

// biome-ignore lint/suspicious/noExplicitAny: raw records of several recorded shapes
type Raw = Record<string, any>;

function readJsonl(path: string): Raw[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Raw);
}

/** The fields every sampled item starts with, in this order; its id and split are set once all are drawn. */
function itemHead(
  source: CorpusSource,
  origin: CorpusOrigin,
  thread: string,
  record: unknown,
  position: number,
) {
  return { id: '', source, origin, record: String(record), thread, position, split: 'train' as CorpusSplit };
}

/** Draws whole threads in seeded random order until `target` messages are taken. */
function drawThreads<T>(
  rng: Rng,
  threads: Map<string, T[]>,
  target: number,
  cap = MAX_THREAD,
): [string, T[]][] {
  const keys = rng.shuffle([...threads.keys()].sort());
  const drawn: [string, T[]][] = [];
  let total = 0;
  for (const key of keys) {
    if (total >= target) break;
    const messages = (threads.get(key) ?? []).slice(0, cap);
    drawn.push([key, messages]);
    total += messages.length;
  }
  return drawn;
}

/** Splits threads (already in random order) so that test and dev get their share of the items. */
function assignSplits(rng: Rng, threads: readonly [string, unknown[]][]): Map<string, CorpusSplit> {
  const total = threads.reduce((n, [, m]) => n + m.length, 0);
  const order = rng.shuffle(threads.map(([k, m]) => [k, m.length] as const));
  const splits = new Map<string, CorpusSplit>();
  let test = 0;
  let dev = 0;
  for (const [key, n] of order) {
    if (test < total * TEST_SHARE) {
      splits.set(key, 'test');
      test += n;
    } else if (dev < total * DEV_SHARE) {
      splits.set(key, 'dev');
      dev += n;
    } else splits.set(key, 'train');
  }
  return splits;
}

/**
 * The threads and records already drawn, which a supplement or an extension must not repeat: in supplement
 * mode the corpus's; in extension mode the corpus's and the supplement's (thread keys without their
 * `#supplement` mark). `aryaBarred` holds the Arya threads not to be sampled at all: the corpus's dev and
 * test threads for the (train-only) supplement, every Arya thread the corpus or supplement uses for the
 * (test-only) extension. `chatLines` (extension mode only) holds the chat lines already drawn, by author,
 * time and text: the Gitter data repeats some lines in two dialogs under other ids, and a test conversation
 * that repeats a train line would leak.
 */
const taken = {
  threads: new Set<string>(),
  records: new Set<string>(),
  aryaBarred: new Set<string>(),
  chatLines: new Set<string>(),
};
const chatLine = (origin: string, author: unknown, date: unknown, text: unknown) =>
  `${origin}|${author}|${date}|${String(text).replace(/\s+/g, ' ').trim()}`;
const drawnBefore = DRAWS.slice(0, drawIndex).map(itemsOf);
for (const dir of drawnBefore) {
  for (const source of ['email', 'chat', 'github']) {
    for (const item of readJsonl(join(dir, `${source}.jsonl`))) {
      const thread = String(item.thread).replace(/#supplement$/, '');
      taken.threads.add(thread);
      taken.records.add(`${item.origin}:${item.record}`);
      if (item.origin === 'arya' && (heldOut || item.split !== 'train')) taken.aryaBarred.add(thread);
      if (heldOut && item.source === 'chat')
        taken.chatLines.add(chatLine(item.origin, item.author, item.date, item.text));
    }
  }
}
const free = (origin: CorpusOrigin, thread: string) => !taken.threads.has(`${origin}/${thread}`);

const normSubject = (s: string) =>
  s
    .toLowerCase()
    .replace(/^(\s*(re|fw|fwd)\s*:\s*)+/g, '')
    .replace(/\s+/g, ' ')
    .trim();

function sampleEnron(rng: Rng): [string, CorpusItem[]][] {
  const rows = readJsonl(join(dataDir, 'enron-bodies/messages.jsonl'));
  // Messages are drawn one by one at random; those sharing a subject form one thread (kept together in the split).
  const threadOf = (r: Raw) => (r.subject ? `subj:${normSubject(r.subject)}` : `msg:${r.message_id}`);
  const picked = rng
    .shuffle(rows)
    .filter((r) => free('enron', threadOf(r)))
    .slice(0, TARGETS.enron);
  const threads = groupBy(picked, (r) =>
    r.subject ? `subj:${normSubject(r.subject)}` : `msg:${r.message_id}`,
  );
  return [...threads.entries()].map(([key, msgs]) => [
    `enron/${key}`,
    msgs
      .sort((a, b) => String(a.date).localeCompare(String(b.date)))
      .map((r, i) => ({
        ...itemHead('email', 'enron', `enron/${key}`, r.message_id, i),
        author: String(r.from),
        authorTitle: r.sender_title ?? undefined,
        to: [...(r.to ?? [])].map(String),
        cc: [...(r.cc ?? [])].map(String),
        toCount: Number(r.to_count ?? (r.to ?? []).length),
        ccCount: Number(r.cc_count ?? (r.cc ?? []).length),
        subject: r.subject ?? '',
        date: String(r.date),
        quoted: r.quoted_part_removed ?? undefined,
        quotedPreview: r.removed_quoted_part ?? undefined,
        text: String(r.text),
      })),
  ]);
}

function sampleChat(rng: Rng, origin: 'irc' | 'gitter', file: string): [string, CorpusItem[]][] {
  const all = readJsonl(join(dataDir, file));
  const echoing = new Set(
    all
      .filter((r) => taken.chatLines.has(chatLine(origin, r.user, r.ts, r.text)))
      .map((r) => String(r.conversation_id)),
  );
  const rows = all.filter(
    (r) =>
      r.conversation_id && free(origin, String(r.conversation_id)) && !echoing.has(String(r.conversation_id)),
  );
  const threads = drawThreads(
    rng,
    groupBy(rows, (r) => String(r.conversation_id)),
    TARGETS[origin],
  );
  return threads.map(([key, msgs]) => [
    `${origin}/${key}`,
    msgs.map((r, i) => ({
      ...itemHead('chat', origin, `${origin}/${key}`, r.id, i),
      author: String(r.user),
      community: String(r.community),
      date: String(r.ts),
      text: String(r.text),
    })),
  ]);
}

function sampleVcu(rng: Rng): [string, CorpusItem[]][] {
  const rows = readJsonl(join(dataDir, 'github-incivility-vcu/comments.jsonl')).filter((r) =>
    free('vcu', String(r.thread_id)),
  );
  const titles = new Map(
    readJsonl(join(dataDir, 'github-incivility-vcu/threads.jsonl')).map((t) => [String(t.thread_id), t]),
  );
  const threads = drawThreads(
    rng,
    groupBy(rows, (r) => String(r.thread_id)),
    TARGETS.vcu,
    25,
  );
  return threads.map(([key, msgs]) => [
    `vcu/${key}`,
    msgs.map((r, i) => ({
      ...itemHead('github', 'vcu', `vcu/${key}`, r.id, i),
      kind: r.is_issue_body ? 'issue' : 'comment',
      project: String(r.project),
      subject: String(titles.get(key)?.issue_title ?? ''),
      text: String(r.text),
    })),
  ]);
}

function sampleArya(rng: Rng): [string, CorpusItem[]][] {
  // Arya's 15 threads hold ~290 sentences each: a thread is drawn at random, and from it a random run of
  // consecutive sentences (the run is the unit of context and of splitting).
  const rows = readJsonl(join(dataDir, 'github-infotypes-arya/sentences.jsonl')).filter(
    (r) => !taken.aryaBarred.has(`arya/${r.thread_id}`) && !taken.records.has(`arya:${r.id}`),
  );
  const byThread = groupBy(rows, (r) => String(r.thread_id));
  const RUN = supplement ? 150 : 60;
  const out: [string, CorpusItem[]][] = [];
  let total = 0;
  for (const key of rng.shuffle([...byThread.keys()].sort())) {
    if (total >= TARGETS.arya) break;
    const sentences = (byThread.get(key) ?? []).sort(
      (a, b) => a.sentence_index_in_thread - b.sentence_index_in_thread,
    );
    const start = sentences.length > RUN ? rng.int(0, sentences.length - RUN) : 0;
    const run = sentences.slice(start, start + RUN);
    total += run.length;
    out.push([
      `arya/${key}`,
      run.map((r, i) => ({
        ...itemHead('github', 'arya', `arya/${key}`, r.id, i),
        kind: 'sentence',
        project: String(key)
          .replace(/^.*_/, '')
          .replace(/\.doc$/, ''),
        byIssueAuthor: r.features?.begauth === 'TRUE',
        firstTurn: r.features?.first_turn === 'TRUE',
        text: String(r.text),
      })),
    ]);
  }
  return out;
}

const rng = createRng(seed);
const groups: Record<CorpusSource, [string, CorpusItem[]][]> = {
  email: sampleEnron(rng),
  chat: [
    ...sampleChat(rng, 'irc', 'chat-irc-kummerfeld/messages.jsonl'),
    ...sampleChat(rng, 'gitter', 'chat-gitter-livechat/messages.jsonl'),
  ],
  github: [...sampleVcu(rng), ...sampleArya(rng)],
};

const outDir = resolve(arg('out', itemsOf(draw)));
mkdirSync(outDir, { recursive: true });
const prefix: Record<CorpusSource, string> = { email: 'e', chat: 'c', github: 'g' };
for (const source of Object.keys(groups) as CorpusSource[]) {
  const threads = groups[source];
  // Splits are assigned per origin, so that every origin is represented in test.
  const splits = new Map<string, CorpusSplit>();
  for (const origin of drawIndex > 0 ? [] : new Set(threads.map(([, m]) => m[0]?.origin))) {
    for (const [k, s] of assignSplits(
      rng,
      threads.filter(([, m]) => m[0]?.origin === origin),
    ))
      splits.set(k, s);
  }
  let n: number = draw.firstId;
  const lines: string[] = [];
  for (const [key, msgs] of threads) {
    for (const item of msgs) {
      n += 1;
      item.id = `${prefix[source]}${String(n).padStart(4, '0')}`;
      // A supplement thread continues an Arya thread the corpus's train split already samples: its own key.
      if (supplement) item.thread = `${item.thread}#supplement`;
      // The extension is test only: it adds held-out items, never training data.
      item.split = heldOut ? 'test' : (splits.get(key) ?? 'train');
    }
    // The VCU file lists some threads' opening post after their comments (ids were given in file order,
    // before this was noticed, and are kept): the opening post goes first, the comments keep their order.
    const ordered = [...msgs.filter((m) => m.kind === 'issue'), ...msgs.filter((m) => m.kind !== 'issue')];
    ordered.forEach((item, position) => {
      item.position = position;
      lines.push(JSON.stringify(item));
    });
  }
  writeFileSync(join(outDir, `${source}.jsonl`), `${lines.join('\n')}\n`);
  const count = (s: CorpusSplit) =>
    threads.filter(([, m]) => m[0]?.split === s).reduce((a, [, m]) => a + m.length, 0);
  const origins = [...new Set(threads.map(([, m]) => m[0]?.origin as CorpusOrigin))].map((o) => {
    const n = threads.filter(([, m]) => m[0]?.origin === o).reduce((a, [, m]) => a + m.length, 0);
    return `${o} ${n}${n < TARGETS[o] ? ` (SHORT of the target ${TARGETS[o]}: the pool ran dry)` : ''}`;
  });
  console.log(
    `${source}: ${lines.length} items in ${threads.length} threads (train ${count('train')}, dev ${count('dev')}, test ${count('test')}; ${origins.join(', ')})`,
  );
}
