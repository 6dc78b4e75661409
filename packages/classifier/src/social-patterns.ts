import type { NamedPattern } from './phrase-patterns';

/**
 * Sentences with no substantive flow beyond the acknowledgement phrases of `ACK_PHRASE`: praise,
 * congratulations, accepting a task without saying anything new, "no idea". Patterns run on a
 * normalised sentence (see `normaliseSentence`).
 */
export const SOCIAL_PATTERNS: readonly NamedPattern[] = [
  {
    id: 'praise',
    pattern:
      /^(?:(?:wow|oh|and|also|honestly|btw)[, ]+)?(?:(?:this|that|it|these|those|everything|all of (?:this|it)|the [\w-]+(?: [\w-]+){0,4}|your [\w-]+(?: [\w-]+){0,2}) (?:is|was|were|are|looks?|looked|seems?|reads?)|looks?|looking|reads?) (?:(?:really|very|so|super|pretty|quite|incredibly|much|all|absolutely|just) )*(?:nice|great|good|clear|clean|awesome|amazing|excellent|fantastic|solid|helpful|impressive|beautiful|perfect|brilliant|wonderful|lovely|cool|neat|slick|elegant)(?:,? (?:much|way|so much|a lot) (?:better|cleaner|nicer|clearer|simpler)(?: than [\w ]{1,40})?)?$/,
  },
  {
    id: 'congratulations',
    pattern:
      /^(?:(?:huge|big|many|massive) )?(?:congrats|congratulations|kudos|well done|great job|nice job|good job|great work|nice work|good work|awesome work|amazing work|nice catch|good catch|great catch|nice find|good find|great find|props|shout ?out|hats off)(?: (?:to )?(?:@\S+|\p{Lu}\S*))?(?: (?:on|for|with|to) .{1,60})?$/u,
  },
  {
    id: 'looking-forward',
    pattern:
      /^(?:i'm |i am |we're |we are )?(?:really )?look(?:ing)? forward to (?:it|this|that|working with you|meeting you|seeing you|hearing from you|the \w+)/,
  },
  {
    id: 'takes-it-on',
    pattern:
      /^(?:(?:ok|okay|sure|yes|yep|yeah|will do|got it|thanks|np|no problem|sounds good|ack|roger|not sure|no idea|good question|hmm)[, ]+)*(?:i'll|i will|will|we'll|we will|i'm going to|gonna|let me)(?: (?:try to|quickly|also|definitely|now|then|go ahead and))? (?:take a (?:quick )?look|have a (?:quick )?look|look(?: at it| into it| into this| at this| at that)?|check(?: it| this| that)?(?: out)?|think about it|get back to you|follow up|dig in|dig into it|add(?: it| that| this| them| one)?|fix(?: it| that| this)?|do(?: it| that| so)?|handle(?: it| that| this)?|update(?: it| that| this)?|review(?: it| this)?|investigate|take care of it|get (?:it|this|that) done|work on it|ask(?: around)?|try(?: it| that)?)(?: (?:and|then) (?:get back to you|let you know|report back))?(?: (?:tonight|today|tomorrow|later|soon|asap|shortly|in a bit|this afternoon|this evening|this week|first thing tomorrow|now|after lunch))?$/,
  },
  {
    id: 'working-on-it',
    pattern:
      /^(?:looking|checking|on it|taking a look|digging in|investigating|working on it)(?: now| into it| at it)?$/,
  },
  {
    id: 'no-idea',
    pattern:
      /^(?:no idea|not sure|dunno|idk|no clue|beats me|good question)(?: (?:tbh|honestly|sorry|either))?$/,
  },
  {
    id: 'worked',
    pattern:
      /^(?:that|this|it) (?:was it|did it|did the trick|worked|works now|fixed it)$|^(?:works|worked) (?:now|for me|like a charm)$/,
  },
  {
    id: 'me-too',
    pattern:
      /^(?:same(?: here)?|me too|same issue|\+1 to (?:this|that|what .{1,30} said|\S+)|(?:i'd |i would |would |we'd )?love (?:to see |to have )?(?:this|that|it)(?: feature| built in| added| merged| too)?)$/,
  },
  {
    id: 'missed-that',
    pattern:
      /^(?:(?:ah|oh|oops|ahh|right|ok|okay)[, ]+)*(?:i )?(?:missed (?:that|it|this)|my bad|fair(?: enough)?|true|i see|ah i see|gotcha|that explains it)$/,
  },
  {
    id: 'never-mind',
    pattern:
      /^(?:nvm|never ?mind|nevermind|scratch that|ignore (?:me|that))(?:,? (?:found it|got it|figured it out|sorted|fixed it|it's fine|all good|my bad))?$/,
  },
  {
    id: 'news-to-me',
    pattern:
      /^(?:(?:oh|ah|wow|huh|ooh)[, ]+)*(?:nice[, ]+)?(?:didn't know (?:that|this)|good to know|interesting|til|today i learned|makes sense now)$/,
  },
];

/** Leisure and private life ("golf", "the weekend", "Christmas"): social talk when no work is named. */
export const LEISURE =
  /\b(?:weekend|golf|ski|skiing|birthday|christmas|thanksgiving|holidays?|vacation|party|drinks|beers?|wine|wedding|baby|kids|family|bbq|barbecue|football|soccer|baseball|movie|concert|beach|festive|fun|cake|game night|hike|hiking|marathon|dog|puppy)\b/;
/** Work words that keep a sentence about leisure substantive ("the release party budget"). */
export const WORK_WORDS =
  /\b(?:contract|deal|price|pricing|report|project|deadline|customer|client|agreement|budget|numbers|data|code|bug|release|deploy|invoice|forecast|revenue|cost|proposal|draft|review|issue|ticket|server|test|team|board|analyst|market|trading|credit|legal|policy|product|sales|offer|shares|stock|said|told|says|sign|signed)\b/;

/** A review verdict that approves ("LGTM", "ship it"): feedback, a push. */
export const APPROVAL = /^(?:lgtm|looks good to me|ship ?it|approved|r\+|:shipit:|shipit|lgtm,? thanks?)\b/;
