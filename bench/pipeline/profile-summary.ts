import { readFileSync } from 'node:fs';

/** One node of a V8 `.cpuprofile`. */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

/** Where a sample's own time goes: a pushpull package, a dependency, Node itself, or V8's own work. */
function areaOf(url: string, fn: string): string {
  if (fn === '(garbage collector)') return 'V8: garbage collector';
  if (fn === '(idle)' || fn === '(program)') return `V8: ${fn.slice(1, -1)}`;
  if (!url) return `V8/native: ${fn || '(anonymous)'}`;
  if (url.startsWith('wasm://')) return 'PGlite: Postgres compiled to WebAssembly';
  const dep = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (dep) return `dependency: ${dep[1]}`;
  const own = /\/(packages|services)\/([^/]+)\//.exec(url);
  if (own) return `pushpull: ${own[1]}/${own[2]}`;
  if (url.startsWith('node:')) return `node: ${url.slice(5)}`;
  return `other: ${url.split('/').slice(-2).join('/')}`;
}

/**
 * Prints where the CPU went in a `.cpuprofile`: self time by area (pushpull package, dependency, Node,
 * V8) and the heaviest functions, as Markdown tables.
 *
 * @example tsx bench/pipeline/profile-summary.ts /tmp/prof/pipeline-postgres.cpuprofile
 */
function summarise(file: string, top = 15): string {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as {
    nodes: ProfileNode[];
    samples: number[];
    timeDeltas: number[];
  };
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
  const areas = new Map<string, number>();
  const functions = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const node = byId.get(id);
    if (!node) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const area = areaOf(url, functionName);
    areas.set(area, (areas.get(area) ?? 0) + us);
    const where = url
      ? `${url.replace(/^.*\/(node_modules|packages|services)\//, '$1/')}:${lineNumber + 1}`
      : '';
    const key = `${functionName || '(anonymous)'} ${where}`.trim();
    functions.set(key, (functions.get(key) ?? 0) + us);
  }
  const rows = (m: Map<string, number>, n: number) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, us]) => `| ${k} | ${(us / 1e6).toFixed(1)} | ${((100 * us) / total).toFixed(1)}% |`)
      .join('\n');
  return [
    `${file}: ${(total / 1e6).toFixed(1)} s sampled`,
    '',
    '| area | self s | share |',
    '|---|---:|---:|',
    rows(areas, top),
    '',
    '| function | self s | share |',
    '|---|---:|---:|',
    rows(functions, top),
  ].join('\n');
}

for (const file of process.argv.slice(2)) process.stdout.write(`${summarise(file)}\n\n`);
