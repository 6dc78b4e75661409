import { describe, expect, it } from 'vitest';
import { sentenceFeatures } from './sentence-features';

const act = (s: string) => sentenceFeatures(s).act;

describe('sentence acts', () => {
  it('tells a polite directive from a request for information by its verb', () => {
    expect(act('Can you fix the refund bug by Friday?')).toBe('directive');
    expect(act('Could you please make the interval configurable?')).toBe('directive');
    expect(act('Ben, can you rerun the deploy pipeline?')).toBe('directive');
    expect(act('Could you send me the numbers?')).toBe('request');
    expect(act('could you send the contract to Mia?')).toBe('directive');
    expect(act('Can you take a look at #830?')).toBe('request');
    expect(act('can someone help me with a terraform lock?')).toBe('request');
    expect(act('Can someone from the platform team confirm the base image?')).toBe('request');
    expect(act('Can you get me a draft by Friday am?')).toBe('request');
    expect(act('Can you get the pager noise down?')).toBe('directive');
    expect(act('Would you be OK with me submitting a talk?')).toBe('question');
  });

  it('finds requests without a question mark, and implicit questions', () => {
    expect(act('I would appreciate if you would send to me each week the position report.')).toBe('request');
    expect(act('would appreciate a review when you have a sec')).toBe('request');
    expect(act('Rebased on main, ready for another look.')).toBe('request');
    expect(act('I need to know the nature of the discussions.')).toBe('question');
    expect(act("i don't understand why you use both a channel and a WaitGroup")).toBe('question');
    expect(act('whats the eta on the fix')).toBe('question');
    expect(act('ping')).toBe('request');
  });

  it('reads offers, suggestions and tentative questions as what they are', () => {
    expect(act('want me to take the checklist off your plate?')).toBe('offer');
    expect(act('Why not just use the media query here?')).toBe('suggestion');
    expect(act('Maybe extract this into a helper?')).toBe('suggestion');
    expect(act("I'd rather not add a flag; can we derive it from the interval instead?")).toBe('suggestion');
    expect(act("I guess that's the problem?")).toBe('weak-question');
    expect(act('(Did you get the invite, by the way?)')).toBe('weak-question');
  });

  it('recognises scheduling logistics, but not a statement that mentions a meeting', () => {
    for (const s of [
      "Can we move Thursday's budget review to Friday at 10?",
      'Friday at 10 works for me.',
      'Tuesday is bad for me, but Wednesday or Thursday looks good.',
      'Are you available any time this week?',
      "I'm taking tomorrow off",
      'Running 10 min late to our 1:1, sorry!',
      'standup in 5',
      'please book the room for the walkthrough next Tuesday, 10-12',
      'I shall be at CMU on Friday.',
    ]) {
      expect(act(s), s).toBe('logistics');
    }
    expect(act('Idea: one shared dashboard would save the Monday meeting.')).toBe('statement');
    expect(act("Attached is the final section for Thursday's board meeting.")).toBe('statement');
    expect(act("who's on call this week?")).toBe('question');
  });

  it('sets aside social talk: praise, congratulations, taking a task on, jokes', () => {
    for (const s of [
      'Nice catch!',
      'This is really nice, much cleaner than the old version.',
      'Congrats on closing Northwind!!',
      'sure, I will add.',
      "not sure, I'll check and get back to you",
      'that was it, thanks!!',
      'thanks ben',
      'lol that commit message',
      'nvm, found it',
      '+1 to what ben said',
    ]) {
      expect(act(s), s).toBe('social');
    }
    expect(act('LGTM')).toBe('approval');
    expect(act('Confirmed fixed, thank you for the fast turnaround!')).toBe('statement');
  });

  it('marks answer openings and hand-overs for the initiative rules', () => {
    expect(sentenceFeatures('Yes, it shipped yesterday.').answerOpening).toBe(true);
    expect(sentenceFeatures('No worries!').answerOpening).toBe(false);
    expect(sentenceFeatures('no idea tbh').answerOpening).toBe(false);
    expect(sentenceFeatures('Here you go, attached.').handsOver).toBe(true);
  });
});
