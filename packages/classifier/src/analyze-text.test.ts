import { describe, expect, it } from 'vitest';
import { analyzeText } from './analyze-text';
import { isAcknowledgement, sentenceFeatures } from './sentence-features';
import { judgeText } from './text-rules';

const modeOf = (text: string, subject: string | null = null) =>
  judgeText(analyzeText({ subject, text })).mode;

/** Greetings, thanks and reactions that are only an acknowledgement (true), and content that is not (false). */
const ACKNOWLEDGEMENTS: readonly (readonly [string, boolean])[] = [
  ['Thanks!', true],
  ['Sounds good', true],
  ['👍', true],
  ['Good morning team', true],
  ['Thank you so much, Ana!', true],
  ['ok :)', true],
  ['+1', true],
  ['Hi @sam', true],
  ['Thanks, merged', false],
  ['Good morning team, the build is red', false],
  ['Ana', false],
  ['Yes, it shipped', false],
];

type Flag = 'question' | 'request' | 'directive';

/** What each flag's rules tell apart. */
const FLAG_RULES: Record<Flag, string> = {
  question: 'finds questions by their mark or their start, not by a wh-word alone',
  request: 'finds requests to the author but not the author offering to send',
  directive: 'finds directives, but not the author’s own deadline',
};

/** Sentences and one flag of each. */
const FLAGS: readonly (readonly [string, Flag, boolean])[] = [
  ['Who owns the billing service', 'question', true],
  ['Could you review the rollout plan', 'question', true],
  ['Is the release on track 🤔', 'question', true],
  ['Also, what is the ETA', 'question', true],
  ['When the deploy finishes I will ping you.', 'question', false],
  ['How we cut costs in Q2: a summary.', 'question', false],
  ['Do the migration before the freeze.', 'question', false],
  ['Send over the contract when it is signed.', 'request', true],
  ['Please share the dashboard with me.', 'request', true],
  ["I'd love your feedback on the draft.", 'request', true],
  ["We'll send over the contract tonight.", 'request', false],
  ['Please share this with the whole team.', 'request', false],
  ['Let me know if you have any questions.', 'request', false],
  ['Make sure the alerts page on-call.', 'directive', true],
  ['The vendor contract needs a signature by Monday.', 'directive', true],
  ["I'll have the report ready by Friday.", 'directive', false],
  ['Please find the report attached.', 'directive', false],
];

describe('sentence features', () => {
  it('recognises acknowledgements, with names and emoji, but not content', () => {
    for (const [sentence, expected] of ACKNOWLEDGEMENTS)
      expect(isAcknowledgement(sentence), sentence).toBe(expected);
  });

  for (const [ruleFlag, rule] of Object.entries(FLAG_RULES)) {
    it(rule, () => {
      const cases = FLAGS.filter(([, f]) => f === ruleFlag);
      expect(cases.length).toBeGreaterThan(0);
      for (const [sentence, flag, expected] of cases) {
        expect(sentenceFeatures(sentence)[flag], `${flag}: ${sentence}`).toBe(expected);
      }
    });
  }
});

describe('analyzeText and judgeText', () => {
  it('sets aside trailing courtesy lines and the thanks around them', () => {
    const a = analyzeText({
      text: 'Rollout is done. Let me know if you have any questions. Happy to help! Thanks',
    });
    expect(a.courtesyCloser).toBe(true);
    expect(a.substantive).toHaveLength(1);
    expect(judgeText(a)).toEqual({
      mode: 'push',
      confidence: 0.7,
      reasons: ['statement', 'courtesy-closer'],
    });
  });

  it('keeps a real question that comes before a courtesy line', () => {
    expect(modeOf('Could you check the numbers? Let me know if anything is unclear.')).toBe('pull');
  });

  it('treats a question in a long update as a less certain pull', () => {
    const verdict = judgeText(
      analyzeText({
        text: 'Revenue is up 4%. Churn is flat. Two incidents closed. Hiring is on plan. What is blocking the Q3 hire?',
      }),
    );
    expect(verdict).toEqual({ mode: 'pull', confidence: 0.6, reasons: ['question-sentence'] });
  });

  it('ignores reply subjects and reads own ones', () => {
    expect(modeOf('Here it is, attached.', 'Re: Can you send the deck?')).toBe('push');
    expect(modeOf('', 'Can you send me the offsite agenda?')).toBe('pull');
    // Moving a meeting is scheduling logistics (0.2.0), no longer a pull.
    expect(modeOf('', 'Can we move the offsite?')).toBe('neutral');
    expect(modeOf('', 'Re: offsite')).toBe('neutral');
  });
});
