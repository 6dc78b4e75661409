import { anyPattern } from './any-pattern';
import type { NamedPattern } from './phrase-patterns';

/**
 * Scheduling and availability: "pure scheduling logistics" is neutral (PRODUCT.md, Labels).
 * Patterns run on a normalised sentence (see `normaliseSentence`).
 */

const WEEKDAY = '(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?s?';
const MONTH =
  '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const CLOCK = String.raw`(?:\d{1,2}(?::\d\d)?\s?(?:am|pm|a\.m|p\.m)\b\.?|\d{1,2}:\d\d\b|noon|midnight)`;

/** A point or span in time, as people write it when they fix a slot. */
export const TIME_EXPRESSION = new RegExp(
  String.raw`\b(?:today|tonight|tomorrow|tmrw|tomorrow (?:morning|afternoon|evening)|this (?:morning|afternoon|evening|week)|next (?:week|month|${WEEKDAY})|${WEEKDAY}|${MONTH} \d{1,2}|\d{1,2}(?:st|nd|rd|th)\b|eod|cob|in (?:\d+|a few|five|ten|two) ?(?:min|mins|minutes|hours?)\b|(?:at|around|after|before|from|until|till|by) \d{1,2}(?:[:.]\d\d)?\b|right now|later today|after lunch|first thing)|${CLOCK}`,
);

/** Things one schedules (not "meeting notes", which are a deliverable). */
const EVENT_NOUN =
  '(?:meet|meets|meeting(?! (?:notes|minutes|recording|summary|deck|agenda))|(?<!on[- ])call(?:s|ing)?|con ?call|conference call|phone|1:1|1-1|1on1|one-on-one|sync(?! (?:job|jobs|service|worker|code|logic|issue|bug))|standup|stand-up|catch-?up|chat|lunch|dinner|breakfast|coffee|drinks|happy hour|get together|appointment|interview|offsite|off-site|all-hands|all hands|town ?hall|party|celebration|game night|reception|webinar|dial-in|zoom|webex|teams call|invite|calendar|pizza|cake|donuts|bagels)';

/** Sentences that only fix, move or decline a slot, or say who is available when. */
export const LOGISTICS_PATTERNS: readonly NamedPattern[] = [
  {
    id: 'availability',
    pattern:
      /\b(?:out of (?:the )?office|ooo|on (?:pto|vacation|leave|holiday|parental leave)|(?:taking|take|took) (?:the |a |next |this |half a )?(?:day|days|afternoon|morning|week|tomorrow|today|monday|tuesday|wednesday|thursday|friday|\d+ days?|some time|time) off|wfh|working from home today)\b/,
  },
  {
    id: 'away',
    pattern:
      /\b(?:i'm|i am|i'll be|i will be|i'm going to be|we'll be|we are|we're|i'll|i) (?:\S+ ){0,2}?(?:be )?(?:out|off|away|offline|remote|in late|back) (?:today|tomorrow|on|until|till|from|this|next|for|the rest|all|monday|tuesday|wednesday|thursday|friday|mon|tue|wed|thu|fri)\b/,
  },
  {
    id: 'got-a-minute',
    pattern:
      /^(?:(?:do you |you )?(?:have|got) (?:a (?:sec|second|minute|min|moment)|\d+ ?(?:min|mins|minutes)|a few (?:min|mins|minutes)|(?:a )?(?:few )?(?:minutes|mins))|(?:i'm|i am|feeling) (?:sick|unwell|under the weather)|(?:i'm |i am )?not feeling (?:well|great|100%)|sick (?:today|day))\b|\bwill be (?:out|off|offline|away|ooo) (?:today|tomorrow|this|next|until|on)\b|\b(?:i'm|i am|i'll be|i will be|i was) (?:out|off|home) sick\b/,
  },
  {
    id: 'free',
    pattern:
      /\b(?:(?:are|is) you (?:free|available|around)|(?:you|everyone|anyone|he|she|they) (?:free|available|around) (?:for|at|on|today|tomorrow|this|next|any|to)|(?:i'm|i am|i'll be|we're|we are) (?:free|available|around|booked|busy|tied up)|(?:your|my|our|his|her) (?:schedule|calendar|availability)|available (?:any ?time|to (?:meet|talk|chat|discuss))|when (?:are|is|would) (?:you|everyone|he|she|they) (?:be )?(?:free|available|around)|have (?:\d+|a few|five|ten|a couple of) ?(?:min|mins|minutes) (?:for|before|after|today|tomorrow|now|to))\b/,
  },
  {
    id: 'whereabouts',
    pattern: new RegExp(
      String.raw`\b(?:(?:i|we|he|she|they)(?: shall| will|'ll| should| am|'m| are|'re| is|'s)? (?:be )?|(?:is|are|am|'m|'s) )(?:(?:currently|still|probably|also|only) )?(?:at|in|traveling|travelling|on the road|out of town|on a plane|in the air|back (?:in|from|at)|away (?:in|at)|on (?:vacation|holiday|leave)) (?:\S+ ){0,4}?(?:until|till|through|for the rest of|for (?:the|a|two|three) (?:week|weeks|days)|${TIME_EXPRESSION.source})`,
    ),
  },
  {
    id: 'travel',
    pattern: new RegExp(
      String.raw`\b(?:i|we|he|she|they)(?: shall| will|'ll| am|'m| are|'re| plan to| hope to| can| might| may)? (?:\S+ )?(?:leave|leaving|fly|flying|fly out|drive|driving|arrive|arriving|land|landing|head (?:out|back|home)|heading (?:out|back|home)) (?:\S+ ){0,5}?(?:${TIME_EXPRESSION.source}|for (?:vacation|holiday))`,
    ),
  },
  {
    id: 'follow-up-later',
    pattern:
      /^(?:i|we)(?:'ll| will| shall| can) (?:follow[- ]?up|get back|circle back|touch base|be in touch|call you|give you a call|contact you|reach out|ping you)(?: (?:with|to) you)?(?: (?:next week|tomorrow|later|soon|shortly|this week|on \w+|regarding .{1,60}|about .{1,60}|when .{1,60}|once .{1,60}))*$/,
  },
  {
    id: 'lateness',
    pattern:
      /\b(?:running (?:\d+ (?:min\w* )?)?late|(?:be|am|i'm) (?:\d+ (?:min\w* )?|a bit |a few min\w* )?late\b|brb|omw|on my way|back in (?:\d+|a few|five|ten)|stepping (?:out|away)|grabbing (?:coffee|lunch|food))|^(?:in )?(?:\d+|five|ten|two) ?(?:min|mins|minutes|sec|secs)$/,
  },
  {
    id: 'attendance',
    pattern:
      /\b(?:(?:not|n't|unable to|won't) (?:be able to )?(?:attend|make it|join|be there)|can't make it|cannot make it|(?:will|can|could|can't|cannot) (?:attend|join us|join you|come along)|count (?:me|us) in|rsvp|see you (?:there|then|at|on|tomorrow|monday|tuesday|wednesday|thursday|friday)|(?:join|joining) (?:us|me|the call|the meeting|the zoom|our call)|(?:like|love|want) to join|look forward to seeing you|(?:plan|planning|plans|going|hope|hoping|intend|asked?) to attend|(?:ask|asked|invite|invited) \S+ to attend|attending (?:the|this|our|your)|to attend (?:the|this|our|your))\b/,
  },
  {
    id: 'reschedule',
    pattern: new RegExp(
      String.raw`\b(?:re-?schedul\w*|postpon\w*|(?:move|moving|push|pushing|shift|cancel|cancelling|canceling|book|booking|set up|setup|arrange|schedule|scheduling|plan for) (?:\S+ ){0,4}?${EVENT_NOUN}\b|(?:book|reserve|booking) (?:a |the )?(?:room|table|flight|hotel|somewhere|slot|conference room)|update (?:the|my|your) invite|send (?:an?|the|out the) invite|meeting id|passcode|dial-in|(?:give|gimme) (?:me|us|him|her) a (?:call|ring|shout)|call me\b|reach me\b|calling you|call you (?:back|later|in|after|at|when|now|tomorrow))`,
    ),
  },
  {
    id: 'move-to-time',
    pattern: new RegExp(
      String.raw`\b(?:move|moving|push|pushing|shift|bump) (?:\S+ ){1,5}?to (?:(?:${WEEKDAY}|tomorrow|today)(?: (?:morning|afternoon|evening))?,? )?(?:at )?(?:${CLOCK}|\d{1,2}(?:[:.]\d\d)?\b)`,
    ),
  },
  {
    id: 'missed-event',
    pattern: new RegExp(
      String.raw`\b(?:missed|miss|skipped|skip) (?:the|our|your|my|today's|this morning's) ${EVENT_NOUN}\b`,
    ),
  },
  {
    id: 'meeting-time',
    pattern: new RegExp(
      String.raw`\b${EVENT_NOUN}\b (?:\S+ ){0,6}?(?:${TIME_EXPRESSION.source})|(?:${TIME_EXPRESSION.source}) (?:\S+ ){0,3}?for (?:the|our|a|an|your|this) (?:\S+ ){0,2}?${EVENT_NOUN}\b`,
    ),
  },
  {
    id: 'lets-meet',
    pattern:
      /\b(?:let's|let us|lets|why don't we|shall we|should we|can we|could we) (?:\S+ ){0,2}?(?:meet|chat|talk|sync|catch up|get together|grab|do lunch|do coffee|hop on a call|jump on a call|discuss (?:this |it )?(?:again |more |further )?(?:by phone|on a call|in person|live|tomorrow|today|later|monday|tuesday|wednesday|thursday|friday))\b/,
  },
  {
    id: 'still-on',
    pattern:
      /\b(?:is|are) (?:the |our |we |tomorrow's |today's )?(?:\S+ ){0,3}?still (?:on|happening|scheduled|on for \S+)$/,
  },
  {
    id: 'on-a-call',
    pattern: /\b(?:hop|jump|get|be) on (?:a |the )?(?:quick )?(?:call|zoom|meet|huddle|hangout)\b/,
  },
  {
    id: 'just-event',
    pattern: new RegExp(
      String.raw`^(?:${EVENT_NOUN})(?: (?:on|at|in|this|next|tomorrow|today|tonight|later|now|${WEEKDAY})\b.*)?$`,
    ),
  },
];

const QUICK = anyPattern(LOGISTICS_PATTERNS);

const TIME_WORDS = new Set(
  `today tonight tomorrow morning afternoon evening night week weekend month noon eod cob am pm a.m p.m
   monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun
   january february march april may june july august september october november december jan feb mar apr
   jun jul aug sep sept oct nov dec next this later early late after before until till or and to at on
   by around from the a week's day days half hour hours min mins minutes instead either any time`.split(
    /\s+/,
  ),
);

const SLOT_ACCEPT =
  /\s*(?:works|work|would work|would be (?:great|good|fine|better|best|perfect)|(?:is|are|looks?) (?:good|fine|great|better|best|perfect|ok|okay|bad|tough|difficult|hard|no good|not good|out|tight|busy)|sounds? good|is free|is open|should work|could work|works better|doesn't work|does not work|won't work|isn't good|is not great)(?: (?:well|best|better))?(?: for (?:me|us|both of us|everyone|him|her|them))?(?: too| as well| either)?$/;
const SLOT_LEAD =
  /^(?:(?:sure|ok|okay|yes|yeah|yep|great|perfect|maybe|or|how about|what about|how's|how is|let's say|say|i can do|we can do|i can make|can we do|could we do|is|are you free|free)[, ]+)+/;

/**
 * A sentence that only names a time slot, optionally accepting it: "Friday at 10 works for me",
 * "Wednesday, 1:00 works for me", "Thursday is great", "How's 8 AM PDT, 11 AM EDT", "sure, 2pm".
 *
 * @example isTimeSlot('friday at 10 works for me') === true
 */
export function isTimeSlot(sentence: string): boolean {
  if (isOneTimeSlot(sentence)) return true;
  const clauses = sentence.split(/,? but |[,;] /);
  return clauses.length > 1 && clauses.every((c) => isOneTimeSlot(c));
}

function isOneTimeSlot(sentence: string): boolean {
  const core = sentence.replace(SLOT_ACCEPT, '').replace(SLOT_LEAD, '').trim();
  if (core === '' || (core === sentence.trim() && !TIME_EXPRESSION.test(core))) return false;
  const tokens = core.split(/[\s,;/()&-]+/).filter((t) => t !== '');
  if (tokens.length === 0 || tokens.length > 10) return false;
  let timeish = 0;
  for (const t of tokens) {
    if (TIME_WORDS.has(t)) timeish++;
    else if (
      /^\d{1,2}(?:[:.]\d\d)?(?:am|pm|h|th|st|nd|rd)?$|^(?:pdt|pst|edt|est|cet|cest|utc|gmt|bst|ist)$/.test(t)
    )
      timeish++;
    else return false;
  }
  return timeish > 0 && tokens.some((t) => !['or', 'and', 'to', 'at', 'on', 'the', 'a', 'by'].includes(t));
}

/**
 * The ids of the logistics patterns a normalised sentence matches (empty when none).
 *
 * @example logisticsMatches("can we move thursday's budget review to friday at 10") // ['meeting-time'] or similar
 */
export function logisticsMatches(sentence: string): string[] {
  const out: string[] = [];
  if (QUICK.test(sentence)) for (const p of LOGISTICS_PATTERNS) if (p.pattern.test(sentence)) out.push(p.id);
  if (isTimeSlot(sentence)) out.push('time-slot');
  return out;
}
