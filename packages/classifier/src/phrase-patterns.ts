/**
 * The phrase tables of the text rules (see also `ask-patterns`, `logistics-patterns`, `social-patterns`). Patterns run on a normalised sentence: lower-case,
 * straight apostrophes, single spaces, no trailing punctuation or emoji (see `normaliseSentence`).
 * Each entry is named so that a later rule set can report which phrase fired.
 */
export interface NamedPattern {
  id: string;
  pattern: RegExp;
}

const PRONOUN =
  "(?:you|u|ya|we|i|they|he|she|it|there|someone|anyone|anybody|somebody|everyone|everybody|y'all)";
const DETERMINER = '(?:the|this|that|these|those|your|our|my|his|her|their|any)';
const AUX =
  '(?:do|does|did|is|are|was|were|will|would|should|can|could|shall|may|might|must|have|has|had|am)';
const WEEKDAY = '(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)';

/**
 * Sentence starts that make a question even without a question mark ("how do we…", "can you…").
 * Tested on the sentence after leading greetings and openers ("Hi Ana, can you…").
 */
export const QUESTION_STARTERS: readonly NamedPattern[] = [
  { id: 'who', pattern: /^(?:who|whom|whose)(?:'s)?\s+(?!(?:we|i|you|they|he|she)\b)\S/ },
  {
    id: 'wh-auxiliary',
    pattern: new RegExp(
      `^(?:what|when|where|why|how|which)\\s+(?:${AUX}|about|if|else|come|many|much|long|often|soon|far)\\b`,
    ),
  },
  { id: 'wh-contraction', pattern: /^(?:what|when|where|why|how|who)(?:'s|'re|'d|'ll)\s/ },
  {
    id: 'auxiliary-pronoun',
    pattern: new RegExp(
      `^(?:can|could|would|will|do|does|did|is|are|was|were|should|shall|have|has|won't|wouldn't|can't|couldn't|don't|doesn't|didn't|isn't|aren't|wasn't|weren't|shouldn't|haven't|hasn't)\\s+${PRONOUN}\\b`,
    ),
  },
  {
    id: 'auxiliary-subject',
    pattern: new RegExp(
      `^(?:can|could|would|will|does|did|is|are|was|were|should|has)\\s+${DETERMINER}\\s+\\S`,
    ),
  },
  {
    id: 'any-thoughts',
    pattern:
      /^any\s+(?:thoughts|ideas?|feedback|updates?|news|comments|objections|concerns|opinions|input|suggestions|progress|luck|chance|eta|word|blockers|takers|volunteers|preference|recommendations)\b/,
  },
  { id: 'thoughts', pattern: /^thoughts(?:\s+(?:on|about|here)\b|$)/ },
  {
    id: 'anyone-know',
    pattern:
      /^(?:(?:does|has|is|did|do) )?(?:anyone|anybody|someone|somebody|any of you)(?: else| here)?\s+(?:know|knows|seen|seeing|see|have|has|got|getting|able|free|available|want|wants|around|up for|familiar|tried|try|remember|willing|noticed|notice|run into|ran into|hit|hitting|using|use|experienced?|experiencing|had|having)\b/,
  },
  { id: 'wdyt', pattern: /^(?:wdyt|wdym|hbu|what do (?:you|y'all|you all|you guys|folks) think)\b/ },
  {
    id: 'wondering',
    pattern:
      /^(?:i was wondering|i'm wondering|i wonder|wondering|curious)\s+(?:if|whether|what|how|why|when|who|where|about)\b/,
  },
];

/** Clauses that may precede a question without changing it: "also, …", "quick question: …". */
export const OPENERS =
  /^(?:also|and|so|ok so|okay so|btw|by the way|quick question|one more thing|one question|question|follow-up|follow up|sorry|just checking|separately|otherwise|meanwhile|besides|then|now|well|oh|hmm|actually)$/;

/** How a request to the reader starts: the sentence start, or "please", "can you", "I need you to"… */
const ASK = String.raw`(?:^|, |\b(?:please|pls|plz|kindly|can you|could you|would you|will you|can u|could u|if you(?: could| would| can)?|you(?: could| would| can)|can someone|could someone|would someone|can anyone|could anyone|(?:need|want|ask|asking) (?:you|someone) to)(?: please)?(?: also| just| quickly)? )`;

/** Requests that information or a deliverable be sent or shared to the author, or for their input. */
export const REQUEST_PATTERNS: readonly NamedPattern[] = [
  {
    id: 'send-me',
    pattern: new RegExp(`${ASK}(?:send|forward|email|mail|pass|give|dm|shoot)\\s+(?:me|us)\\b`),
  },
  {
    id: 'send-to-me',
    pattern: new RegExp(
      `${ASK}(?:send|forward|email|pass|share)\\s+(?:\\S+\\s+){1,4}?(?:to me|to us|my way|our way|with me|with us)\\b`,
    ),
  },
  { id: 'send-over', pattern: new RegExp(`${ASK}(?:send|pass|shoot)\\s+(?:\\S+\\s+){0,3}?over\\b`) },
  { id: 'please-share', pattern: new RegExp(`${ASK}share\\b(?!.*\\bwith\\s+(?!me\\b|us\\b))`) },
  {
    id: 'let-me-know-your',
    pattern:
      /\blet (?:me|us) know (?:your|what|when|how|whether|which|who|where|why|asap|once|as soon as|if you (?:can|could|think|agree|disagree|are able|have (?:time|capacity|a minute|a moment|bandwidth)|prefer|want|would|object|see))\b/,
  },
  {
    id: 'want-your-input',
    pattern:
      /\b(?:(?:i|we)(?:'d| would) (?:love|like|appreciate|welcome)|(?:i|we) (?:want|need|am looking for|are looking for|welcome)) (?:to (?:get|hear|have|see) )?(?:your|some|any|more|the team's|everyone's) (?:thoughts|feedback|input|opinions?|ideas|review|take|eyes|help|perspective|comments|suggestions|view|views|advice)\b/,
  },
  {
    id: 'input-welcome',
    pattern:
      /\b(?:thoughts|feedback|input|ideas|opinions|comments|suggestions|reviews?|objections) (?:are |is )?(?:very )?(?:welcome|appreciated|wanted|needed|requested)\b/,
  },
  {
    id: 'please-review',
    pattern:
      /\b(?:please|pls|plz|kindly)\s+(?:review|take a look|have a look|look over|give (?:me |us )?(?:your )?feedback|weigh in|chime in|comment|advise|confirm|tell (?:me|us)|fill (?:me|us) in|update (?:me|us)|explain)\b/,
  },
  { id: 'keep-me-posted', pattern: /^(?:please )?keep (?:me|us) (?:posted|updated|in the loop)\b/ },
  {
    id: 'please-send',
    pattern:
      /(?:^|, )(?:please|pls|kindly) (?:also )?(?:send|email|e-mail|forward|fax|mail|return|submit (?:your|the) (?:\S+ )?(?:to me|slides|deck|draft|numbers|notes|comments|feedback|descriptions?))\b(?!.*\b(?:to|with|cc) (?!me\b|us\b|our\b|my\b)(?:the |our |their )?[\w@])/,
  },
  {
    id: 'please-decide',
    pattern:
      /(?:^|, )(?:please|pls|kindly) (?:also )?(?:approve|sign off|vote|decide|pick|choose|fill (?:in|out)|complete (?:the|this|our) (?:\S+ )?(?:survey|form|poll|questionnaire))\b/,
  },
  {
    id: 'please-reply',
    pattern: /(?:^|, )(?:please|pls|kindly) (?:also )?(?:respond|reply|answer|rsvp|let (?:me|us) know)\b/,
  },
  {
    id: 'let-me-know-by',
    pattern: /\blet (?:me|us) know (?:by|before|asap|today|tomorrow|no later|at your earliest|as soon as)\b/,
  },
  {
    id: 'would-appreciate-review',
    pattern:
      /\b(?:would|'d|will|i|we) (?:really |greatly |much )?(?:love|like|appreciate|welcome|value) (?:a|an|your|some|any|more|another|the team's) (?:quick |second |final |extra |fresh |honest |early )?(?:review|look|pair of eyes|set of eyes|eyes|feedback|input|thoughts|opinion|sanity check|second opinion|help|hand|reaction|comments|perspective|advice|guidance|take)\b/,
  },
  {
    id: 'ready-for-review',
    pattern:
      /\b(?:ready for (?:another |a |your |final |re-?)?(?:look|review|pass)|ptal|please take (?:another|a) look|take another look|(?:needs|need) (?:a |another |your )?review|review (?:please|pls)|rfr)\b/,
  },
  {
    id: 'asks-participation',
    pattern:
      /\b(?:ask|asking|request|requesting|invite|inviting) (?:for )?(?:your|some|any) (?:participation|input|help|feedback|thoughts|ideas|contributions?|support|opinions?|review|advice|comments|suggestions)\b/,
  },
  {
    id: 'help-me',
    pattern:
      /\b(?:help (?:me|us)|give (?:me|us) a hand|lend (?:me |us )?a hand|need (?:your|some) help|could use (?:your|some) help)\b/,
  },
  {
    id: 'permission-leave',
    pattern: /^(?:can|could|may) (?:i|we) (?:take|have|get) (?:\S+ ){0,3}off\b/,
  },
  {
    id: 'survey',
    pattern:
      /\b(?:fill (?:in|out)|complete|take|answer) (?:the |this |our |a )?(?:\S+ )?(?:survey|form|poll|questionnaire|template)\b/,
  },
];

/** Wording that turns a statement into a directive to act. */
export const DIRECTIVE_PATTERNS: readonly NamedPattern[] = [
  {
    id: 'please-act',
    pattern:
      /(?:^|, )(?:please|pls|plz|kindly)\s+(?!(?:find|see|note|let|feel|enjoy|welcome|join|ignore|excuse|forgive|accept|bear|don't hesitate|reach out if)\b)\w+/,
  },
  {
    id: 'please-fix',
    pattern:
      /\b(?:please|pls|plz|kindly)\s+(?:fix|update|make|do|finish|complete|merge|deploy|ship|add|remove|change|handle|ensure|prepare|submit|file|follow up|investigate|look into|revert|rerun|re-run|rebase|clean up|move|set up|schedule|book|create|write|draft|test|sign|approve|escalate|call|ping|stop|start|use|avoid|focus|prioriti[sz]e|get)\b/,
  },
  {
    id: 'make-sure',
    pattern:
      /\b(?:make sure|be sure to|ensure (?:that|you|we|the|it|this|all|every)|don't forget to|remember to)\b/,
  },
  { id: 'i-need-you-to', pattern: /\b(?:i|we) (?:need|want|expect) (?:you|you all|everyone|the team) to\b/ },
  { id: 'you-must', pattern: /\byou (?:must|need to|have to|will need to|'ll need to|should)\b/ },
  {
    id: 'deadline',
    pattern: new RegExp(
      `\\b(?:by (?:${WEEKDAY}|tomorrow|tonight|noon|eod|cob|eow|next week|end of (?:the )?(?:day|week|month|sprint|quarter))|asap|no later than)\\b`,
    ),
  },
];

/** A deadline in a sentence whose subject is the author is their own commitment, not a directive. */
export const AUTHOR_SUBJECT = /^(?:i|we|i'll|we'll|i'm|we're|i've|we've|i'd|we'd|my|our)\b/;

/** "as you requested": a push that says it fulfils a request. */
export const AS_REQUESTED =
  /\b(?:as (?:you )?(?:requested|asked(?: for)?)|per your (?:request|ask)|(?:that|which|what) you asked for|you asked for|at your request)\b/;

/** Trailing courtesy lines that do not make a message a pull ("Let me know if you have any questions."). */
export const COURTESY_CLOSERS: readonly NamedPattern[] = [
  {
    id: 'questions-welcome',
    pattern:
      /^(?:please )?(?:do )?(?:let me know|lmk|let us know|shout|ping me|reach out|holler|tell me)(?: if| in case| should)? (?:you|there|anyone) (?:have|has|are|got|run into|hit)(?: any)?(?: (?:other|more|further|follow-up|additional|remaining))? (?:questions?|concerns|comments|issues|problems|feedback|trouble)\b/,
  },
  {
    id: 'let-me-know-if',
    pattern:
      /^(?:please )?(?:let me know|lmk|let us know|shout|ping me|reach out)(?: if| in case| should) (?:you need|you'd like|you want|i can|we can|there's|there is|anything|something|this|that|it|any of (?:this|that)|you'd prefer|you spot|you see)\b/,
  },
  { id: 'let-me-know', pattern: /^(?:please )?(?:let me know|lmk|let us know)$/ },
  {
    id: 'happy-to-help',
    pattern:
      /^(?:(?:i'm|i am|we're|we are|always|more than|very|also) )*(?:happy|glad) to (?:help|chat|discuss|answer|explain|walk|jump|hop|go over|talk|elaborate|clarify|pair)\b/,
  },
  {
    id: 'hope-this-helps',
    pattern: /^(?:i )?hope (?:this|that|it|the above) (?:helps|makes sense|clarifies|is helpful|answers)\b/,
  },
  { id: 'feel-free', pattern: /^(?:please )?(?:feel free|don't hesitate) to\b/ },
  { id: 'any-questions', pattern: /^(?:any )?(?:other |more |further )?questions$/ },
  {
    id: 'make-sense',
    pattern:
      /^(?:(?:does|did) (?:that|this|it) )?(?:make|makes) sense$|^(?:does|did) (?:that|this|it) (?:help|work for you|answer your question)$/,
  },
  {
    id: 'ok',
    pattern: /^(?:is (?:that|this) )?(?:ok|okay|alright|fine)$|^sounds? good$|^(?:all|everything) clear$/,
  },
  { id: 'around-if-needed', pattern: /^(?:i'm|i am|we're|we are) (?:around|available|here|online) if\b/ },
];

const ACK_PHRASES = [
  // thanks and appreciation
  'thanks?(?: you)?(?: (?:so|very) much| a (?:lot|ton|bunch|million)| again| heaps| loads)*',
  'thank you(?: (?:so|very) much| again)*',
  'many thanks',
  'much appreciated',
  '(?:really )?appreciate(?:d| it| that| this| you)?',
  'thx',
  'thnx',
  'tks',
  'ty',
  'tysm',
  'tyvm',
  'cheers',
  'kudos',
  // acknowledgement and agreement
  'sounds? (?:good to me|good|great|perfect|fine|right|like a plan)',
  'works for me',
  'that works',
  'all good',
  'okie dokie',
  'ok(?:ay)?',
  'kk?',
  'alright',
  'all right',
  'sure(?: thing)?',
  'yes please',
  'yes',
  'yeah',
  'yep',
  'yup',
  'absolutely',
  'definitely',
  'of course',
  'got it',
  'gotcha',
  'will do',
  'on it',
  'noted',
  'understood',
  'roger(?: that)?',
  'copy that',
  'ack',
  'agreed?',
  'makes sense',
  'fair enough',
  '(?:good|great|fair) (?:point|call|idea|catch)',
  'no (?:problem|prob|probs|worries)',
  'np',
  "you're welcome",
  'you are welcome',
  'my pleasure',
  'any ?time',
  '(?:happy|glad) to help',
  'perfect',
  'looks? (?:good|great|fine|nice)',
  'great',
  'huge',
  'totally',
  'indeed',
  'fine by me',
  'fine with me',
  'all set',
  'done deal',
  'ok(?:ay)? thanks',
  'tbh',
  'haha',
  'heh',
  'awesome',
  'nice',
  'cool',
  'excellent',
  'amazing',
  'wonderful',
  'lovely',
  'brilliant',
  'fantastic',
  'sweet',
  'neat',
  'super',
  'wow',
  'yay',
  'woo+hoo+',
  'ha(?:ha)+h?',
  'lol',
  'lmao',
  'he(?:he)+',
  'oh',
  'ah',
  'oops',
  '\\+1+',
  '\\+100',
  // greetings and farewells
  'hi',
  'hello',
  'hey',
  'hiya',
  'howdy',
  'yo',
  'greetings',
  'good (?:morning|afternoon|evening|night|day)',
  'morning',
  'afternoon',
  'evening',
  'gm',
  'welcome(?: aboard| back| to the team)?',
  'to the team',
  'congrats',
  'congratulations',
  'well done',
  '(?:great|nice|good|awesome) (?:job|work|stuff)',
  `happy (?:${WEEKDAY}|weekend|holidays|new year|birthday|anniversary)`,
  'have a (?:great|good|nice|lovely) (?:day|weekend|evening|one|week|holiday|trip)',
  'enjoy(?: your| the)? (?:weekend|holiday|holidays|vacation|day|evening)',
  'bye',
  'goodbye',
  'see you(?: (?:tomorrow|soon|later|then|there))?',
  'see ya',
  'ttyl',
  'take care',
  'talk soon',
  'how are you(?: doing)?',
  "how(?:'s| is) it going",
  'how was your (?:weekend|holiday|trip|vacation|day)',
  "hope (?:you're|you are) (?:well|doing well)",
  'hope all is well',
  'hope you (?:had|have) a (?:great|good|nice|lovely) (?:weekend|holiday|trip|day|break)',
  // vocatives that go with a greeting or thanks
  'team',
  'all',
  'everyone',
  'everybody',
  'folks',
  'guys',
  "y'all",
  'you all',
  'both',
  'there',
  'friends',
  'people',
];

/** Acknowledgement, thanks and greeting phrases, any number of them, for `isAcknowledgement`. */
export const ACK_PHRASE = new RegExp(
  `(?<![\\p{L}\\p{N}'+])(?:${ACK_PHRASES.join('|')})(?![\\p{L}\\p{N}'])`,
  'giu',
);

/** "Thanks for the update", "thank you for jumping on this": thanks with a reason is still thanks. */
export const THANKS_FOR =
  /^(?:(?:i|we) (?:just )?(?:wanted|want) to (?:say )?)?(?:(?:many|big|huge|a big|a huge) )?(?:thanks|thank you|thx|ty|appreciate|i appreciate|we appreciate|really appreciate)(?: (?:so|very) much| a lot| again)?(?: \S+)?(?: for| all the| your| the)\b/;

/** Emoji, Slack/GitHub shortcodes and text emoticons: no substance on their own. */
export const EMOJI = /\p{Extended_Pictographic}|\p{Emoji_Modifier}|\u200d|\ufe0f|\u20e3|:[a-z0-9_+-]+:/gu;
export const EMOTICON = /(?<=^|\s)(?:[:;=8][-']?[)(DPpO3\]\\[/|*]|<3|xD|\^_\^)(?=\s|$)/g;

/** A line that starts an email sign-off block ("Best,", "Thanks,"). */
export const VALEDICTION =
  /^(?:best|best regards|best wishes|kind regards|warm regards|warmly|regards|rgds|cheers|thanks|thank you|many thanks|thanks again|thanks so much|thx|tx|ty|sincerely|br|all the best|talk soon|yours|cordially)[,.!]?$/i;

/** Email reply and forward prefixes of a subject: the subject then belongs to an earlier message. */
export const REPLY_SUBJECT = /^\s*(?:re|aw|sv|antw|vs|odp)\s*(?:\[\d+\])?\s*:/i;
/** Subjects of automatic replies: out-of-office notices are availability logistics. */
export const AUTO_REPLY_SUBJECT =
  /^\s*(?:automatic reply|auto(?:matic)?[- ]?(?:reply|response)|out of (?:the )?office|ooo\b|abwesenheitsnotiz|réponse automatique|respuesta automática)/i;

export const FORWARD_SUBJECT = /^\s*(?:fw|fwd|wg|tr|rv|doorst)\s*(?:\[\d+\])?\s*:/i;
