import { OrgChart } from '@pushpull/org';
import { simulateOrganisation } from '@pushpull/simulator';
import { describe, expect, it } from 'vitest';
import { classifyEvent } from '../src/classify-event';
import { InMemoryConversationMemory } from '../src/in-memory-conversation-memory';

describe('agreement with the simulator', () => {
  it('labels every simulated event exactly as its ground truth (mode and initiative)', () => {
    const sim = simulateOrganisation({ seed: 42, people: 60, days: 45, start: '2026-03-02' });
    const org = OrgChart.fromRows(sim.org);
    const memory = new InMemoryConversationMemory();
    const disagreements: string[] = [];
    for (const event of sim.events) {
      const label = classifyEvent(event, { org, memory });
      const truth = sim.truth.events[event.id]!;
      if (label.mode !== truth.mode || label.initiative !== truth.initiative) {
        disagreements.push(
          `${truth.mode}/${truth.initiative} → ${label.mode}/${label.initiative}: ${event.text}`,
        );
      }
    }
    expect(sim.events.length).toBeGreaterThan(5000);
    expect(disagreements.slice(0, 5)).toEqual([]);
  });
});
