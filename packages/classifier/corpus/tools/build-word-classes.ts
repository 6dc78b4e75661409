/**
 * Builds the word classes of the learned layer (`model/word-classes.json`) from UNLABELLED real text in
 * `../shared/data` (a folder users do not have: run by hand by whoever rebuilds the table, never by a
 * test or CI).
 *
 *   npx tsx packages/classifier/corpus/tools/build-word-classes.ts [--data ../shared/data] [--out FILE]
 *
 * 1. Text: every message of Enron, IRC (Kummerfeld), Gitter (LiveChat), VCU GitHub threads and Arya GitHub
 *    sentences, EXCEPT every message of a thread that the corpus's dev or test split, the test extension or
 *    the fresh test set holds (threads keyed as `sample-corpus.ts` keys them; Arya by whole issue), any
 *    record those hold, and any message whose text equals the text of one they hold (Enron and Gitter repeat
 *    messages under other ids). Train-split and supplement threads are used. Cleaned (`cleanText`), tokenised
 *    as the wording features tokenise (`wordTokens`), each distinct cleaned text once.
 * 2. The {@link VOCABULARY} most frequent words (seen at least {@link MIN_COUNT} times); co-occurrence counts
 *    within ±{@link WINDOW} words; positive PMI with context counts smoothed (^0.75).
 * 3. A randomised SVD (fixed seed, power iterations) to {@link DIMENSIONS} dimensions; word vectors U·√S,
 *    unit length.
 * 4. Spherical k-means (k-means++ seeding with a fixed seed, a fixed number of iterations) with k = 256
 *    (coarse) and k = 1024 (fine).
 *
 * The file holds each word's FNV-1a hash (as `lexical-features.ts` hashes it), never the word, with its two
 * classes. Every step is seeded and ordered, so two runs write the same bytes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRng } from '@pushpull/simulator';
import { cleanText } from '../../src/clean-text';
import { hashString } from '../../src/model/feature-hash';
import { WORD_CLASS_COUNTS } from '../../src/model/word-classes';
import { wordTokens } from '../../src/model/word-tokens';

const here = dirname(fileURLToPath(import.meta.url));
const corpusDir = resolve(here, '..');
const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return (i >= 0 ? args[i + 1] : undefined) ?? fallback;
};
const dataDir = resolve(arg('data', resolve(corpusDir, '../../../../shared/data')));
const outFile = resolve(arg('out', resolve(corpusDir, '../model/word-classes.json')));

/** How many of the most frequent words get classes. */
const VOCABULARY = 30_000;
/** A word seen fewer times than this gets no class (its context is too thin to place it). */
const MIN_COUNT = 5;
/** Co-occurrence window: this many words either side. */
const WINDOW = 2;
/** Dimensions the PPMI matrix is reduced to. */
const DIMENSIONS = 100;
/** Extra random directions and power iterations of the randomised SVD. */
const OVERSAMPLE = 20;
const POWER_ITERATIONS = 3;
/** k-means iterations (fixed: no convergence test, so the result never depends on a tolerance). */
const KMEANS_ITERATIONS = 20;
const SEED = 20261208;

// biome-ignore lint/suspicious/noExplicitAny: raw records of several recorded shapes
type Raw = Record<string, any>;
const readJsonl = (path: string): Raw[] =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Raw);
const log = (line: string) => process.stderr.write(`${line}\n`);

// --- 1. the text, minus every held-out thread ---------------------------------------------------------

const heldOut = { threads: new Set<string>(), records: new Set<string>(), texts: new Set<string>() };
const normText = (t: unknown) => String(t).replace(/\s+/g, ' ').trim();
for (const [dir, all] of [
  [join(corpusDir, 'items'), false],
  [join(corpusDir, 'extension', 'items'), true],
  [join(corpusDir, 'fresh', 'items'), true],
] as const) {
  for (const source of ['email', 'chat', 'github']) {
    for (const item of readJsonl(join(dir, `${source}.jsonl`))) {
      if (!all && item.split === 'train') continue;
      heldOut.threads.add(String(item.thread).replace(/#supplement$/, ''));
      heldOut.records.add(`${item.origin}:${item.record}`);
      heldOut.texts.add(normText(item.text));
    }
  }
}
const normSubject = (s: string) =>
  s
    .toLowerCase()
    .replace(/^(\s*(re|fw|fwd)\s*:\s*)+/g, '')
    .replace(/\s+/g, ' ')
    .trim();

const texts: string[] = [];
const seen = new Set<string>();
const kept: Record<string, { kept: number; excluded: number }> = {};
function take(origin: string, thread: string, record: unknown, text: unknown): void {
  const tally = kept[origin] ?? { kept: 0, excluded: 0 };
  kept[origin] = tally;
  const norm = normText(text);
  if (
    heldOut.threads.has(`${origin}/${thread}`) ||
    heldOut.records.has(`${origin}:${record}`) ||
    heldOut.texts.has(norm)
  ) {
    tally.excluded++;
    return;
  }
  tally.kept++;
  const cleaned = cleanText(String(text));
  if (seen.has(cleaned)) return;
  seen.add(cleaned);
  texts.push(cleaned);
}
for (const r of readJsonl(join(dataDir, 'enron-bodies/messages.jsonl')))
  take('enron', r.subject ? `subj:${normSubject(r.subject)}` : `msg:${r.message_id}`, r.message_id, r.text);
for (const [origin, file] of [
  ['irc', 'chat-irc-kummerfeld/messages.jsonl'],
  ['gitter', 'chat-gitter-livechat/messages.jsonl'],
] as const) {
  for (const r of readJsonl(join(dataDir, file))) take(origin, String(r.conversation_id), r.id, r.text);
}
for (const r of readJsonl(join(dataDir, 'github-incivility-vcu/comments.jsonl')))
  take('vcu', String(r.thread_id), r.id, r.text);
for (const r of readJsonl(join(dataDir, 'github-infotypes-arya/sentences.jsonl')))
  take('arya', String(r.thread_id), r.id, r.text);
for (const [origin, t] of Object.entries(kept))
  log(`${origin}: ${t.kept} messages used, ${t.excluded} excluded (held-out threads)`);
log(`${texts.length} distinct cleaned texts`);

// --- 2. vocabulary, co-occurrence, PPMI --------------------------------------------------------------

const docs = texts.map((t) => wordTokens(t));
const freq = new Map<string, number>();
for (const doc of docs) for (const w of doc) freq.set(w, (freq.get(w) ?? 0) + 1);
const vocab = [...freq.entries()]
  .filter(([, n]) => n >= MIN_COUNT)
  .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
  .slice(0, VOCABULARY)
  .map(([w]) => w);
const V = vocab.length;
const index = new Map(vocab.map((w, i) => [w, i]));
log(`${freq.size} distinct tokens, ${V} in the vocabulary`);

// Counts of (word, context) pairs, keyed word * V + context.
const pairs = new Map<number, number>();
for (const doc of docs) {
  const ids = doc.map((w) => index.get(w) ?? -1);
  for (let i = 0; i < ids.length; i++) {
    const a = ids[i] as number;
    if (a < 0) continue;
    for (let j = Math.max(0, i - WINDOW); j <= Math.min(ids.length - 1, i + WINDOW); j++) {
      const b = ids[j] as number;
      if (j === i || b < 0) continue;
      const key = a * V + b;
      pairs.set(key, (pairs.get(key) ?? 0) + 1);
    }
  }
}
log(`${pairs.size} distinct co-occurring pairs`);

// The PPMI matrix in compressed sparse rows (rows: words, columns: contexts), keys in ascending order.
const keys = Float64Array.from(pairs.keys()).sort();
const rowCount = new Float64Array(V);
const colCount = new Float64Array(V);
for (const key of keys) {
  const n = pairs.get(key) as number;
  rowCount[Math.floor(key / V)] = (rowCount[Math.floor(key / V)] as number) + n;
  colCount[key % V] = (colCount[key % V] as number) + n;
}
const colSmoothed = new Float64Array(V);
let smoothedTotal = 0;
for (let c = 0; c < V; c++) {
  colSmoothed[c] = (colCount[c] as number) ** 0.75;
  smoothedTotal += colSmoothed[c] as number;
}
const rowStart = new Int32Array(V + 1);
const colIndex: number[] = [];
const value: number[] = [];
for (const key of keys) {
  const r = Math.floor(key / V);
  const c = key % V;
  const n = pairs.get(key) as number;
  // PMI = log(P(w, c) / (P(w) · P_0.75(c))) = log(n · Σ_c' cnt(c')^0.75 / (cnt(w) · cnt(c)^0.75)).
  const pmi = Math.log((n * smoothedTotal) / ((rowCount[r] as number) * (colSmoothed[c] as number)));
  if (pmi <= 0) continue;
  rowStart[r + 1] = (rowStart[r + 1] as number) + 1;
  colIndex.push(c);
  value.push(pmi);
}
for (let r = 0; r < V; r++) rowStart[r + 1] = (rowStart[r + 1] as number) + (rowStart[r] as number);
const cols = Int32Array.from(colIndex);
const vals = Float64Array.from(value);
pairs.clear();
log(`${vals.length} positive PMI cells`);

// --- 3. randomised SVD --------------------------------------------------------------------------------

/** `out (V×m) = M · X (V×m)`, X and out row-major. */
function times(x: Float64Array, m: number): Float64Array {
  const out = new Float64Array(V * m);
  for (let r = 0; r < V; r++) {
    for (let p = rowStart[r] as number; p < (rowStart[r + 1] as number); p++) {
      const v = vals[p] as number;
      const c = (cols[p] as number) * m;
      const o = r * m;
      for (let k = 0; k < m; k++) out[o + k] = (out[o + k] as number) + v * (x[c + k] as number);
    }
  }
  return out;
}
/** `out (V×m) = Mᵀ · X (V×m)`. */
function timesTransposed(x: Float64Array, m: number): Float64Array {
  const out = new Float64Array(V * m);
  for (let r = 0; r < V; r++) {
    for (let p = rowStart[r] as number; p < (rowStart[r + 1] as number); p++) {
      const v = vals[p] as number;
      const c = (cols[p] as number) * m;
      const o = r * m;
      for (let k = 0; k < m; k++) out[c + k] = (out[c + k] as number) + v * (x[o + k] as number);
    }
  }
  return out;
}
/** Orthonormalises the m columns of a V×m row-major matrix in place (modified Gram–Schmidt, twice). */
function orthonormalise(x: Float64Array, m: number): void {
  for (let pass = 0; pass < 2; pass++) {
    for (let k = 0; k < m; k++) {
      for (let j = 0; j < k; j++) {
        let dot = 0;
        for (let r = 0; r < V; r++) dot += (x[r * m + k] as number) * (x[r * m + j] as number);
        for (let r = 0; r < V; r++) x[r * m + k] = (x[r * m + k] as number) - dot * (x[r * m + j] as number);
      }
      let norm = 0;
      for (let r = 0; r < V; r++) norm += (x[r * m + k] as number) ** 2;
      norm = Math.sqrt(norm) || 1;
      for (let r = 0; r < V; r++) x[r * m + k] = (x[r * m + k] as number) / norm;
    }
  }
}
/** Eigen-decomposition of a symmetric m×m matrix (cyclic Jacobi): eigenvalues and eigenvectors (columns). */
function symmetricEigen(a: Float64Array, m: number): { values: Float64Array; vectors: Float64Array } {
  const v = new Float64Array(m * m);
  for (let i = 0; i < m; i++) v[i * m + i] = 1;
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    for (let i = 0; i < m; i++) for (let j = i + 1; j < m; j++) off += (a[i * m + j] as number) ** 2;
    if (off < 1e-22) break;
    for (let p = 0; p < m; p++) {
      for (let q = p + 1; q < m; q++) {
        const apq = a[p * m + q] as number;
        if (Math.abs(apq) < 1e-300) continue;
        const theta = ((a[q * m + q] as number) - (a[p * m + p] as number)) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < m; k++) {
          const akp = a[k * m + p] as number;
          const akq = a[k * m + q] as number;
          a[k * m + p] = c * akp - s * akq;
          a[k * m + q] = s * akp + c * akq;
        }
        for (let k = 0; k < m; k++) {
          const apk = a[p * m + k] as number;
          const aqk = a[q * m + k] as number;
          a[p * m + k] = c * apk - s * aqk;
          a[q * m + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < m; k++) {
          const vkp = v[k * m + p] as number;
          const vkq = v[k * m + q] as number;
          v[k * m + p] = c * vkp - s * vkq;
          v[k * m + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const values = new Float64Array(m);
  for (let i = 0; i < m; i++) values[i] = a[i * m + i] as number;
  return { values, vectors: v };
}

const rng = createRng(SEED);
const m = DIMENSIONS + OVERSAMPLE;
let y: Float64Array = new Float64Array(V * m);
for (let i = 0; i < y.length; i++) y[i] = rng.next() < 0.5 ? -1 : 1;
y = times(y, m);
orthonormalise(y, m);
for (let it = 0; it < POWER_ITERATIONS; it++) {
  const z = timesTransposed(y, m);
  orthonormalise(z, m);
  y = times(z, m);
  orthonormalise(y, m);
  log(`power iteration ${it + 1}`);
}
// B = Qᵀ M (m×V) is held as Bᵀ = Mᵀ Q (V×m); B Bᵀ (m×m) gives the left singular vectors in Q's basis.
const bt = timesTransposed(y, m);
const gram = new Float64Array(m * m);
for (let i = 0; i < m; i++) {
  for (let j = i; j < m; j++) {
    let s = 0;
    for (let r = 0; r < V; r++) s += (bt[r * m + i] as number) * (bt[r * m + j] as number);
    gram[i * m + j] = s;
    gram[j * m + i] = s;
  }
}
const eigen = symmetricEigen(gram, m);
const order = [...eigen.values.keys()].sort(
  (a, b) => (eigen.values[b] as number) - (eigen.values[a] as number) || a - b,
);
const d = DIMENSIONS;
/** Word vectors: U·√S = Q · W · √S with W the top eigenvectors, S = √eigenvalue; each made unit length. */
const vectors = new Float64Array(V * d);
for (let r = 0; r < V; r++) {
  let norm = 0;
  for (let k = 0; k < d; k++) {
    const e = order[k] as number;
    const scale = Math.sqrt(Math.sqrt(Math.max(0, eigen.values[e] as number)));
    let s = 0;
    for (let i = 0; i < m; i++) s += (y[r * m + i] as number) * (eigen.vectors[i * m + e] as number);
    vectors[r * d + k] = s * scale;
    norm += (s * scale) ** 2;
  }
  norm = Math.sqrt(norm) || 1;
  for (let k = 0; k < d; k++) vectors[r * d + k] = (vectors[r * d + k] as number) / norm;
}
log(`top singular values ${order.slice(0, 5).map((e) => Math.sqrt(eigen.values[e] as number).toFixed(2))}`);

// --- 4. spherical k-means ----------------------------------------------------------------------------

function sphericalKMeans(k: number, stream: number): Uint16Array {
  const pick = createRng(SEED, stream);
  const centres = new Float64Array(k * d);
  // k-means++ seeding on cosine distance (1 - cos).
  const best = new Float64Array(V).fill(Number.POSITIVE_INFINITY);
  let chosen = pick.int(0, V - 1);
  for (let c = 0; c < k; c++) {
    for (let j = 0; j < d; j++) centres[c * d + j] = vectors[chosen * d + j] as number;
    let sum = 0;
    for (let r = 0; r < V; r++) {
      let dot = 0;
      for (let j = 0; j < d; j++) dot += (vectors[r * d + j] as number) * (centres[c * d + j] as number);
      const dist = Math.max(0, 1 - dot);
      if (dist < (best[r] as number)) best[r] = dist;
      sum += best[r] as number;
    }
    let target = pick.next() * sum;
    chosen = V - 1;
    for (let r = 0; r < V; r++) {
      target -= best[r] as number;
      if (target < 0) {
        chosen = r;
        break;
      }
    }
  }
  const assignment = new Uint16Array(V);
  for (let it = 0; it < KMEANS_ITERATIONS; it++) {
    let moved = 0;
    for (let r = 0; r < V; r++) {
      let top = -1;
      let topDot = Number.NEGATIVE_INFINITY;
      for (let c = 0; c < k; c++) {
        let dot = 0;
        for (let j = 0; j < d; j++) dot += (vectors[r * d + j] as number) * (centres[c * d + j] as number);
        if (dot > topDot) {
          topDot = dot;
          top = c;
        }
      }
      if (assignment[r] !== top) moved++;
      assignment[r] = top;
    }
    centres.fill(0);
    const size = new Int32Array(k);
    for (let r = 0; r < V; r++) {
      const c = assignment[r] as number;
      size[c] = (size[c] as number) + 1;
      for (let j = 0; j < d; j++)
        centres[c * d + j] = (centres[c * d + j] as number) + (vectors[r * d + j] as number);
    }
    for (let c = 0; c < k; c++) {
      let norm = 0;
      for (let j = 0; j < d; j++) norm += (centres[c * d + j] as number) ** 2;
      norm = Math.sqrt(norm);
      if (norm === 0) {
        // An empty class takes a word at random (seeded), so that all k classes stay in use.
        const r = pick.int(0, V - 1);
        for (let j = 0; j < d; j++) centres[c * d + j] = vectors[r * d + j] as number;
      } else for (let j = 0; j < d; j++) centres[c * d + j] = (centres[c * d + j] as number) / norm;
    }
    log(`k=${k} iteration ${it + 1}: ${moved} words moved`);
  }
  return assignment;
}

const coarse = sphericalKMeans(WORD_CLASS_COUNTS.coarse, 1);
const fine = sphericalKMeans(WORD_CLASS_COUNTS.fine, 2);

// --- output: hashes only, sorted, no word ------------------------------------------------------------

const byHash = new Map<number, number>();
const collided = new Set<number>();
for (let r = 0; r < V; r++) {
  const h = hashString(vocab[r] as string);
  if (byHash.has(h)) collided.add(h);
  else byHash.set(h, r);
}
for (const h of collided) byHash.delete(h);
const hashes = Uint32Array.from([...byHash.keys()].sort((a, b) => a - b));
const coarseOut = new Uint8Array(hashes.length);
const fineOut = new Uint16Array(hashes.length);
hashes.forEach((h, i) => {
  const r = byHash.get(h) as number;
  coarseOut[i] = coarse[r] as number;
  fineOut[i] = fine[r] as number;
});
const b64 = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
const file = {
  format: 'pushpull-word-classes/1',
  words: hashes.length,
  coarseClasses: WORD_CLASS_COUNTS.coarse,
  fineClasses: WORD_CLASS_COUNTS.fine,
  hashes: b64(hashes),
  coarse: b64(coarseOut),
  fine: b64(fineOut),
};
writeFileSync(outFile, `${JSON.stringify(file, null, 1)}\n`);
log(
  `${hashes.length} words written to ${outFile}${collided.size > 0 ? ` (${collided.size} hash collisions dropped)` : ''}`,
);
