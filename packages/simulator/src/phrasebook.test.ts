import { describe, expect, it } from 'vitest';
import { Phrasebook, type PhraseKind, phraseTemplates } from './phrasebook';
import { createRng } from './rng';

const PULLS: PhraseKind[] = ['pull', 'clarify', 'externalPull', 'broadcastPull'];
const PUSHES: PhraseKind[] = [
  'push',
  'directive',
  'answer',
  'externalPush',
  'announcement',
  'prDescription',
  'issueDescription',
  'reviewApproved',
  'reviewChangesRequested',
  'reviewCommented',
];
const NEUTRALS: PhraseKind[] = ['neutral', 'greeting'];
const QUESTION_OPENER =
  /^(what|how|why|when|where|who|which|can|could|would|will|do|does|is|are|should|any|please send|please share)\b/i;
const SOCIAL_OPENER =
  /^(thanks|thank|thx|ty|sounds good|ok|okay|great|cool|good morning|hi|hello|hey|got it|👍|🙏)\b/i;
const CLOSER = / Let me know if you have any questions\.$/;

describe('Phrasebook templates', () => {
  it('pulls ask: a question mark at the end, or "Please send me"', () => {
    for (const kind of PULLS) {
      for (const t of phraseTemplates(kind)) {
        expect(t.endsWith('?') || t.startsWith('Please send me '), t).toBe(true);
        expect(QUESTION_OPENER.test(t), t).toBe(true);
      }
    }
  });

  it('pushes never ask and never open like a question, thanks or a greeting', () => {
    for (const kind of PUSHES) {
      for (const t of phraseTemplates(kind)) {
        expect(t.includes('?'), t).toBe(false);
        expect(QUESTION_OPENER.test(t), t).toBe(false);
        expect(SOCIAL_OPENER.test(t), t).toBe(false);
        // with the courtesy closer stripped, something substantive is left
        expect(t.replace(CLOSER, '').length, t).toBeGreaterThan(15);
      }
    }
  });

  it('neutrals are short social phrases', () => {
    for (const kind of NEUTRALS) {
      for (const t of phraseTemplates(kind)) {
        expect(t.includes('?')).toBe(false);
        expect(t.length).toBeLessThan(25);
      }
    }
  });
});

describe('Phrasebook', () => {
  it('fills every slot, keeps conversation slots and capitalises subjects', () => {
    const book = new Phrasebook(createRng(5));
    const vars = { topic: 'billing migration', name: 'Maria', team: 'Payments', company: 'Globex' };
    const kinds: PhraseKind[] = [...PULLS, ...PUSHES, ...NEUTRALS];
    for (let i = 0; i < 400; i++) {
      const text = book.text(kinds[i % kinds.length]!, vars);
      expect(text).not.toMatch(/[{}]/);
    }
    const seen = new Set<string>();
    for (let i = 0; i < 50; i++) seen.add(book.subject('pull', vars));
    expect([...seen].some((s) => s.startsWith('Billing migration'))).toBe(true);
    for (const s of seen) expect(s).not.toMatch(/[{}]/);
    expect(book.text('pull', vars).length).toBeGreaterThan(10);
  });

  it('is varied', () => {
    const book = new Phrasebook(createRng(11));
    const texts = new Set<string>();
    for (let i = 0; i < 300; i++) {
      texts.add(book.text('push', { topic: book.slot('topic'), name: 'Ben', team: 'Core' }));
    }
    expect(texts.size).toBeGreaterThan(150);
  });

  it('refuses an unknown slot', () => {
    expect(() => new Phrasebook(createRng(1)).slot('nope')).toThrow(/unknown slot nope/);
  });
});
