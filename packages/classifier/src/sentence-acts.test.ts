import { describe, expect, it } from 'vitest';
import { sentenceFeatures } from './sentence-features';

const act = (s: string) => sentenceFeatures(s).act;

/** Sentences and the act each one is read as, by what the rules tell apart. */
const ACTS: Record<string, readonly (readonly [string, string])[]> = {
  'tells a polite directive from a request for information by its verb': [
    ['Can you fix the refund bug by Friday?', 'directive'],
    ['Could you please make the interval configurable?', 'directive'],
    ['Ben, can you rerun the deploy pipeline?', 'directive'],
    ['Could you send me the numbers?', 'request'],
    ['could you send the contract to Mia?', 'directive'],
    ['Can you take a look at #830?', 'request'],
    ['can someone help me with a terraform lock?', 'request'],
    ['Can someone from the platform team confirm the base image?', 'request'],
    ['Can you get me a draft by Friday am?', 'request'],
    ['Can you get the pager noise down?', 'directive'],
    ['Would you be OK with me submitting a talk?', 'question'],
  ],
  'finds requests without a question mark, and implicit questions': [
    ['I would appreciate if you would send to me each week the position report.', 'request'],
    ['would appreciate a review when you have a sec', 'request'],
    ['Rebased on main, ready for another look.', 'request'],
    ['I need to know the nature of the discussions.', 'question'],
    ["i don't understand why you use both a channel and a WaitGroup", 'question'],
    ['whats the eta on the fix', 'question'],
    ['ping', 'request'],
  ],
  'reads offers, suggestions and tentative questions as what they are': [
    ['want me to take the checklist off your plate?', 'offer'],
    ['Why not just use the media query here?', 'suggestion'],
    ['Maybe extract this into a helper?', 'suggestion'],
    ["I'd rather not add a flag; can we derive it from the interval instead?", 'suggestion'],
    ["I guess that's the problem?", 'weak-question'],
    ['(Did you get the invite, by the way?)', 'weak-question'],
  ],
  'recognises scheduling logistics, but not a statement that mentions a meeting': [
    ["Can we move Thursday's budget review to Friday at 10?", 'logistics'],
    ['Friday at 10 works for me.', 'logistics'],
    ['Tuesday is bad for me, but Wednesday or Thursday looks good.', 'logistics'],
    ['Are you available any time this week?', 'logistics'],
    ["I'm taking tomorrow off", 'logistics'],
    ['Running 10 min late to our 1:1, sorry!', 'logistics'],
    ['standup in 5', 'logistics'],
    ['please book the room for the walkthrough next Tuesday, 10-12', 'logistics'],
    ['I shall be at CMU on Friday.', 'logistics'],
    ['Idea: one shared dashboard would save the Monday meeting.', 'statement'],
    ["Attached is the final section for Thursday's board meeting.", 'statement'],
    ["who's on call this week?", 'question'],
  ],
  'sets aside social talk: praise, congratulations, taking a task on, jokes': [
    ['Nice catch!', 'social'],
    ['This is really nice, much cleaner than the old version.', 'social'],
    ['Congrats on closing Northwind!!', 'social'],
    ['sure, I will add.', 'social'],
    ["not sure, I'll check and get back to you", 'social'],
    ['that was it, thanks!!', 'social'],
    ['thanks ben', 'social'],
    ['lol that commit message', 'social'],
    ['nvm, found it', 'social'],
    ['+1 to what ben said', 'social'],
    ['LGTM', 'approval'],
    ['Confirmed fixed, thank you for the fast turnaround!', 'statement'],
  ],
};

describe('sentence acts', () => {
  for (const [rule, cases] of Object.entries(ACTS)) {
    it(rule, () => {
      for (const [sentence, expected] of cases) expect(act(sentence), sentence).toBe(expected);
    });
  }

  it('marks answer openings and hand-overs for the initiative rules', () => {
    expect(sentenceFeatures('Yes, it shipped yesterday.').answerOpening).toBe(true);
    expect(sentenceFeatures('No worries!').answerOpening).toBe(false);
    expect(sentenceFeatures('no idea tbh').answerOpening).toBe(false);
    expect(sentenceFeatures('Here you go, attached.').handsOver).toBe(true);
  });
});
