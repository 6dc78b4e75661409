import { describe, expect, it } from 'vitest';
import { BARE_ANSWER_REASON, MODEL_REASONS } from './classify-event';
import { INITIATIVE_RULES, PROACTIVE_REASON } from './initiative-rules';
import { describeReason, REASON_CATALOG } from './reason-catalog';
import { STRUCTURE_RULES } from './structure-rules';
import { TEXT_MODIFIERS, TEXT_RULES } from './text-rules';

describe('REASON_CATALOG', () => {
  it('explains every reason id a rule can report, with the right kind', () => {
    const modeIds = [
      ...[...STRUCTURE_RULES, ...TEXT_RULES, ...TEXT_MODIFIERS].map((r) => r.id),
      MODEL_REASONS.push,
      MODEL_REASONS.pull,
      MODEL_REASONS.neutral,
    ];
    const initiativeIds = [
      ...INITIATIVE_RULES.map((r) => r.id),
      PROACTIVE_REASON,
      MODEL_REASONS.responsive,
      MODEL_REASONS.proactive,
    ];
    for (const id of [...modeIds, BARE_ANSWER_REASON]) expect(REASON_CATALOG[id]?.kind, id).toBe('mode');
    for (const id of initiativeIds) expect(REASON_CATALOG[id]?.kind, id).toBe('initiative');
    const known = new Set([...modeIds, BARE_ANSWER_REASON, ...initiativeIds]);
    expect(Object.keys(REASON_CATALOG).filter((id) => !known.has(id))).toEqual([]);
  });

  it('says which way each mode reason points, in one sentence', () => {
    for (const [id, entry] of Object.entries(REASON_CATALOG)) {
      expect(entry.text, id).toMatch(/^[A-Z"].*[.)]$/);
      if (entry.kind === 'initiative') expect(entry.text, id).toMatch(/\((responsive|proactive)\)\.$/);
    }
    expect(describeReason('no-earlier-pull')).toBe('Nobody asked for it (proactive).');
    expect(describeReason('from-a-newer-classifier')).toBe('from-a-newer-classifier');
  });
});
