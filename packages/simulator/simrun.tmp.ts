import { simulateOrganisation } from '@pushpull/simulator';
const [people, days] = [Number(process.argv[2] ?? 300), Number(process.argv[3] ?? 90)];
const t0 = performance.now();
const sim = simulateOrganisation({ seed: 1, people, days, start: '2026-01-05' });
const t1 = performance.now();
console.log('events', sim.events.length, 'ms', Math.round(t1 - t0), 'per person-day', (sim.events.length / people / days).toFixed(2), 'rss MB', Math.round(process.memoryUsage().rss / 1e6));
const bySource: Record<string, number> = {};
const byType: Record<string, number> = {};
const byMode: Record<string, number> = {};
for (const e of sim.events) { bySource[e.source] = (bySource[e.source] ?? 0) + 1; byType[e.type] = (byType[e.type] ?? 0) + 1; const t = sim.truth.events[e.id]!; const k = t.mode + ':' + t.initiative; byMode[k] = (byMode[k] ?? 0) + 1; }
console.log(bySource, byType, byMode);
console.log('leaders', Object.values(sim.truth.leaders).reduce((a: Record<string, number>, l) => { a[l.archetype] = (a[l.archetype] ?? 0) + 1; return a; }, {}));
console.log(sim.org.slice(0, 5), sim.org.slice(-3));
for (const e of sim.events.slice(1000, 1012)) console.log(JSON.stringify(e), JSON.stringify(sim.truth.events[e.id]));
