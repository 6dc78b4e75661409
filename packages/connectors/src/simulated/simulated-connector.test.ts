import type { ActivityEvent } from '@pushpull/core';
import { simulateOrganisation } from '@pushpull/simulator';
import { describe, expect, it } from 'vitest';
import type { OrgSnapshot, SyncProgress } from '../kit/connector';
import { runSync } from '../kit/run-sync';
import { createSimulatedConnector } from './simulated-connector';

const OPTIONS = { seed: 3, people: 14, days: 12, start: '2026-09-07' };

function memoryCursors() {
  const saved = new Map<string, string>();
  return {
    saved,
    get: async (s: string) => saved.get(s) ?? null,
    set: async (s: string, c: string) => void saved.set(s, c),
  };
}

describe('the simulated organisation as a connector', () => {
  it('emits its chart as an org snapshot, then every event through runSync, keeping no cursor', async () => {
    const sim = simulateOrganisation(OPTIONS);
    expect(sim.events.length).toBeGreaterThan(1000); // more than one page
    const events: ActivityEvent[] = [];
    const snapshots: OrgSnapshot[] = [];
    const progress: SyncProgress[] = [];
    const cursors = memoryCursors();
    const summary = await runSync({
      connector: createSimulatedConnector(OPTIONS),
      cursors,
      sink: { write: async (page) => void events.push(...page), close: async () => {} },
      orgSink: {
        write: async (s) => {
          snapshots.push(s);
          return { rows: s.rows.length };
        },
      },
      onProgress: (p) => progress.push(p),
    });
    expect(summary).toEqual({ events: sim.events.length, requests: 0, scopes: 1, skipped: [] });
    expect(events).toEqual(sim.events);
    expect(snapshots).toEqual([{ kind: 'chart', rows: sim.org }]);
    expect(progress.at(-1)).toMatchObject({ scopesDone: 1, scopesTotal: 1, events: sim.events.length });
    expect(cursors.saved.size).toBe(0);
  });

  it('publishes no text with the features policy, and stops between pages when aborted', async () => {
    const events: ActivityEvent[] = [];
    const stop = new AbortController();
    const summary = await runSync({
      connector: createSimulatedConnector(OPTIONS),
      cursors: memoryCursors(),
      content: 'features',
      signal: stop.signal,
      sink: {
        write: async (page) => {
          events.push(...page);
          stop.abort();
        },
        close: async () => {},
      },
    });
    expect(summary).toMatchObject({ events: 1000, scopes: 0 });
    expect(events.every((e) => e.text === null && e.subject === null)).toBe(true);
  });
});
