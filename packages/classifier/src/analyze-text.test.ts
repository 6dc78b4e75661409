import { describe, expect, it } from 'vitest';
import { analyzeText } from './analyze-text';
import { isAcknowledgement, sentenceFeatures } from './sentence-features';
import { judgeText } from './text-rules';

const modeOf = (text: string, subject: string | null = null) =>
  judgeText(analyzeText({ subject, text })).mode;

describe('sentence features', () => {
  it('recognises acknowledgements, with names and emoji, but not content', () => {
    for (const s of [
      'Thanks!',
      'Sounds good',
      '👍',
      'Good morning team',
      'Thank you so much, Ana!',
      'ok :)',
      '+1',
      'Hi @sam',
    ]) {
      expect(isAcknowledgement(s), s).toBe(true);
    }
    for (const s of ['Thanks, merged', 'Good morning team, the build is red', 'Ana', 'Yes, it shipped']) {
      expect(isAcknowledgement(s), s).toBe(false);
    }
  });

  it('finds questions by their mark or their start, not by a wh-word alone', () => {
    expect(sentenceFeatures('Who owns the billing service').question).toBe(true);
    expect(sentenceFeatures('Could you review the rollout plan').question).toBe(true);
    expect(sentenceFeatures('Is the release on track 🤔').question).toBe(true);
    expect(sentenceFeatures('Also, what is the ETA').question).toBe(true);
    expect(sentenceFeatures('When the deploy finishes I will ping you.').question).toBe(false);
    expect(sentenceFeatures('How we cut costs in Q2: a summary.').question).toBe(false);
    expect(sentenceFeatures('Do the migration before the freeze.').question).toBe(false);
  });

  it('finds requests to the author but not the author offering to send', () => {
    expect(sentenceFeatures('Send over the contract when it is signed.').request).toBe(true);
    expect(sentenceFeatures('Please share the dashboard with me.').request).toBe(true);
    expect(sentenceFeatures("I'd love your feedback on the draft.").request).toBe(true);
    expect(sentenceFeatures("We'll send over the contract tonight.").request).toBe(false);
    expect(sentenceFeatures('Please share this with the whole team.').request).toBe(false);
    expect(sentenceFeatures('Let me know if you have any questions.').request).toBe(false);
  });

  it('finds directives, but not the author’s own deadline', () => {
    expect(sentenceFeatures('Make sure the alerts page on-call.').directive).toBe(true);
    expect(sentenceFeatures('The vendor contract needs a signature by Monday.').directive).toBe(true);
    expect(sentenceFeatures("I'll have the report ready by Friday.").directive).toBe(false);
    expect(sentenceFeatures('Please find the report attached.').directive).toBe(false);
  });
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
