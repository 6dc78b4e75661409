import { anyPattern } from './any-pattern';
import {
  ANSWER_OPENING,
  ASIDE_QUESTION,
  ASK_QUESTION,
  GERUND_INFO,
  HERE_YOU_GO,
  IMPLICIT_QUESTIONS,
  INFO_PHRASE,
  INFO_VERB_NEEDS_AUTHOR,
  INFO_VERBS,
  LAUGHTER,
  NUDGE,
  OFFER_QUESTION,
  OTHER_RECIPIENT,
  QUESTION_VERBS,
  READER_INFO,
  REPORT_BACK,
  SEND_TO_AUTHOR,
  SEND_VERBS,
  STATUS_NUDGE,
  SUGGESTION_QUESTION,
  TENTATIVE_QUESTION,
  TO_AUTHOR,
} from './ask-patterns';
import { logisticsMatches } from './logistics-patterns';
import {
  ACK_PHRASE,
  AS_REQUESTED,
  AUTHOR_SUBJECT,
  COURTESY_CLOSERS,
  DIRECTIVE_PATTERNS,
  EMOJI,
  EMOTICON,
  type NamedPattern,
  OPENERS,
  QUESTION_STARTERS,
  REQUEST_PATTERNS,
  THANKS_FOR,
} from './phrase-patterns';
import { APPROVAL, LEISURE, SOCIAL_PATTERNS, WORK_WORDS } from './social-patterns';

/**
 * What one sentence does, from its author's point of view:
 * - `social`: thanks, acknowledgement, greeting, praise, a joke, emoji, a name — no substance;
 * - `courtesy`: a courtesy line ("Let me know if you have any questions.");
 * - `logistics`: fixes, moves or declines a time slot, or says who is available when;
 * - `request`: asks for information, a deliverable, input, help, a review or a decision (pull);
 * - `question`: any other real question (pull);
 * - `weak-question`: a question in passing or a tentative conclusion ("I guess that's it?");
 * - `directive`: a directive to act, also as a polite question ("Can you fix X by Friday?") (push);
 * - `offer`, `suggestion`: "want me to …?", "why not …?", "maybe …?" (push);
 * - `approval`: a review verdict ("LGTM") (push);
 * - `statement`: anything else that says something (push).
 */
export type SentenceAct =
  | 'social'
  | 'courtesy'
  | 'logistics'
  | 'request'
  | 'question'
  | 'weak-question'
  | 'directive'
  | 'offer'
  | 'suggestion'
  | 'approval'
  | 'statement';

/** Acts that solicit something (pull). */
export const PULL_ACTS: ReadonlySet<SentenceAct> = new Set(['request', 'question']);
/** Acts that give something (push). */
export const PUSH_ACTS: ReadonlySet<SentenceAct> = new Set([
  'directive',
  'offer',
  'suggestion',
  'approval',
  'statement',
]);

/** What the text rules know about one sentence. Holds no text, only what was recognised. */
export interface SentenceFeatures {
  act: SentenceAct;
  /** `act === 'social'`. */
  acknowledgement: boolean;
  /** A courtesy line. */
  courtesy: boolean;
  /** Ends with `?`, or starts like a question. */
  question: boolean;
  /** Asks for information or a deliverable to be sent to the author, or for input (`act === 'request'`). */
  request: boolean;
  /** Directive wording, a deadline included ("please fix", "make sure", "by Friday", "can you fix …?"). */
  directive: boolean;
  /** A directive addressed to the reader (not only a deadline): the reader is asked to act. */
  strongDirective: boolean;
  /** Says it fulfils a request: "as you requested". */
  asRequested: boolean;
  /** Opens like an answer: "yes, …", "no, …", "not yet". */
  answerOpening: boolean;
  /** Hands something over: "here you go". */
  handsOver: boolean;
  /** The ids of the patterns that matched, for evaluation and debugging. */
  matched: string[];
}

const CLAUSE_SPLIT = /\s*[,;:]\s+|\s*[,;:]$|\s+[-–—]+\s+/;
const TRAILING_NOISE = /[\s.!?？…,;:)\]"'”’*_~-]+$/;
const LEADING_NOISE = /^[\s*_~"'“‘([-]+/;
const NAME_TOKEN = /^(?:@[\w.-]+|\p{Lu}[\p{L}.'-]*)$/u;
/** Thanks or a greeting and one lower-case name, as people type in chat ("thanks ben", "hi ana"). */
const GREETING_NAME =
  /^(?:thanks|thank you|thx|ty|tysm|hi|hey|hello|morning|good morning|congrats|welcome|cheers|bye|night|gm|yo|sorry) [a-z]{2,12}$/;
/** Words that may stand beside thanks or a greeting without adding substance ("welcome to the team"). */
const FILLER = new Set(
  'to the on this that it for all again here there so much very really you and a too me us guys both of'.split(
    ' ',
  ),
);
/** Quick combined tests of the pattern tables tried on every sentence. */
const QUICK = new Map<readonly NamedPattern[], { test(text: string): boolean }>(
  [QUESTION_STARTERS, REQUEST_PATTERNS, DIRECTIVE_PATTERNS, IMPLICIT_QUESTIONS].map((t) => [
    t,
    anyPattern(t),
  ]),
);

const QUICK_SOCIAL = anyPattern(SOCIAL_PATTERNS);
const QUICK_COURTESY = anyPattern(COURTESY_CLOSERS);

/** A sentence that hands something over is not scheduling, whatever meeting it names. */
const DELIVERY =
  /^(?:attached|enclosed|here (?:is|are)|here's|please find|sharing|i've attached|i have attached|i attached|find attached|as promised|per our discussion|notes from|minutes from|recording (?:of|from))\b/;
/** Trailing thanks that do not change what a sentence does ("that was it, thanks!"). */
const TRAILING_THANKS = /,? (?:thanks|thank you|thx|ty|cheers)(?: (?:so much|a lot|again))?(?: @?\S+)?$/;
const SCHEDULING_LOGISTICS = new Set([
  'reschedule',
  'lets-meet',
  'attendance',
  'availability',
  'away',
  'free',
  'lateness',
  'got-a-minute',
  'whereabouts',
  'travel',
  'follow-up-later',
]);
const GENERIC_ASKS = new Set([
  'request:let-me-know-your',
  'request:please-review',
  'request:let-me-know-by',
  'request:please-reply',
]);

/**
 * A sentence in the form the phrase patterns expect: lower-case, straight apostrophes, no emoji,
 * single spaces, no leading or trailing punctuation.
 *
 * @example normaliseSentence('  Can’t we ship it?! 🙏') === "can't we ship it"
 */
export function normaliseSentence(sentence: string): string {
  return stripEmoji(sentence.replace(/[’‘]/g, "'").replace(/[“”]/g, '"'))
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(TRAILING_NOISE, '')
    .replace(LEADING_NOISE, '')
    .replace(BARE_CONTRACTION, (w) => CONTRACTIONS[w] ?? w)
    .trim();
}

/** Cheap tests that tell when the emoji and emoticon patterns can match at all. */
const MAY_HAVE_EMOJI = /[^\p{ASCII}]|:[a-z0-9_+-]+:/u;
const MAY_HAVE_EMOTICON = /[:;=8][-']?[)(DPpO3\]\\[/|*]|<3|xD|\^_\^/;

/** The text without emoji, shortcodes and emoticons (each becomes a space). */
function stripEmoji(text: string): string {
  const noEmoji = MAY_HAVE_EMOJI.test(text) ? text.replace(EMOJI, ' ') : text;
  return MAY_HAVE_EMOTICON.test(noEmoji) ? noEmoji.replace(EMOTICON, ' ') : noEmoji;
}

/** Chat spellings without the apostrophe ("whats", "dont", "im"), restored for the patterns. */
const CONTRACTIONS: Readonly<Record<string, string>> = {
  whats: "what's",
  hows: "how's",
  wheres: "where's",
  whos: "who's",
  whens: "when's",
  thats: "that's",
  theres: "there's",
  heres: "here's",
  dont: "don't",
  doesnt: "doesn't",
  didnt: "didn't",
  cant: "can't",
  isnt: "isn't",
  arent: "aren't",
  wasnt: "wasn't",
  werent: "weren't",
  havent: "haven't",
  hasnt: "hasn't",
  wouldnt: "wouldn't",
  couldnt: "couldn't",
  shouldnt: "shouldn't",
  im: "i'm",
  ive: "i've",
  youre: "you're",
  youve: "you've",
  theyre: "they're",
};
const BARE_CONTRACTION = new RegExp(`\\b(?:${Object.keys(CONTRACTIONS).join('|')})\\b`, 'g');

/**
 * True when a sentence is nothing but thanks, acknowledgement, greetings, names and emoji
 * ("Thanks Ana!", "Sounds good", "👍", "Good morning team", "Thanks for the update!").
 *
 * @example isAcknowledgement('Great, thanks @ana 🙌') === true
 */
export function isAcknowledgement(sentence: string, normalised = normaliseSentence(sentence)): boolean {
  if (GREETING_NAME.test(normalised)) return true;
  // Long sentences are acknowledgements only as thanks with a reason ("thanks for …").
  if (normalised.length > 60 && !/thank|appreciate|congrat/.test(normalised)) return false;
  const plain = stripEmoji(sentence.replace(/[’‘]/g, "'"));
  const clauses = plain.split(/[,;:.!?？…]+|\s[-–—]+\s/);
  let words = 0;
  let acknowledged = false;
  for (const clause of clauses) {
    const text = clause
      .replace(/[^\p{L}\p{N}@'+\s-]/gu, ' ')
      .replace(/\s+/g, ' ')
      .trim();
    if (text === '') continue;
    words++;
    if (THANKS_FOR.test(text.toLowerCase())) {
      acknowledged = true;
      continue;
    }
    const rest = text.replace(ACK_PHRASE, ' ').trim();
    if (rest !== text) acknowledged = true;
    if (rest === '') continue;
    // What is left may only be a name or two ("Thanks Ana", "Hi @sam") and filler words.
    const tokens = rest.split(/\s+/).filter((t) => !(rest !== text && FILLER.has(t.toLowerCase())));
    if (tokens.length > 3 || !tokens.every((t) => NAME_TOKEN.test(t))) return false;
  }
  return words === 0 || acknowledged;
}

/**
 * True for a courtesy line that does not ask for anything in earnest.
 *
 * @example isCourtesyCloser('Let me know if you have any questions.') === true
 */
export function isCourtesyCloser(sentence: string): boolean {
  const n = normaliseSentence(sentence);
  return COURTESY_CLOSERS.some((c) => c.pattern.test(n));
}

/**
 * Recognises what one sentence does (see {@link SentenceAct}) and the cues the initiative rules use.
 *
 * @example sentenceFeatures('Can you send me the status?').act === 'request'
 * @example sentenceFeatures('Can you fix the login bug by Friday?').act === 'directive'
 */
export function sentenceFeatures(sentence: string): SentenceFeatures {
  const norm = normaliseSentence(sentence);
  const matched: string[] = [];
  const answerOpening = ANSWER_OPENING.test(norm);
  if (answerOpening) matched.push('initiative:answer-opening');
  const questionMark = endsWithQuestionMark(sentence);
  if (questionMark) matched.push('question:mark');
  // Social sentences and courtesy lines are decided first: nothing else about them matters.
  if (isAcknowledgement(sentence, norm) || isVocative(sentence)) {
    return early('social', questionMark, answerOpening, matched);
  }
  const body = questionBody(sentence, norm);
  const unthanked = body.replace(TRAILING_THANKS, '');
  const social = QUICK_SOCIAL.test(unthanked)
    ? SOCIAL_PATTERNS.find((p) => p.pattern.test(unthanked))
    : undefined;
  if (social) {
    matched.push(`social:${social.id}`);
    return early('social', questionMark, answerOpening, matched);
  }
  const courtesy = QUICK_COURTESY.test(norm) ? COURTESY_CLOSERS.find((c) => c.pattern.test(norm)) : undefined;
  if (courtesy) {
    matched.push(`courtesy:${courtesy.id}`);
    if (courtesy.id === 'happy-to-help' || courtesy.id === 'around-if-needed') matched.push('courtesy:offer');
    return early('courtesy', questionMark, answerOpening, matched);
  }
  const pick = (patterns: readonly NamedPattern[], prefix: string): boolean => {
    const quick = QUICK.get(patterns);
    if (quick && !quick.test(body)) return false;
    let any = false;
    for (const p of patterns) {
      if (p.pattern.test(body)) {
        matched.push(`${prefix}:${p.id}`);
        any = true;
      }
    }
    return any;
  };

  const starter = pick(QUESTION_STARTERS, 'question');
  const question = questionMark || starter;
  let request = pick(REQUEST_PATTERNS, 'request');
  const sendsToAuthor = addressesReader(body) && SEND_TO_AUTHOR.test(body);
  if (sendsToAuthor) matched.push('request:send-to-author');
  if (NUDGE.test(body) || (questionMark && STATUS_NUDGE.test(body))) {
    matched.push('request:nudge');
    request = true;
  }
  request ||= sendsToAuthor;
  const directivePatterns = AUTHOR_SUBJECT.test(body)
    ? DIRECTIVE_PATTERNS.filter((p) => p.id !== 'deadline')
    : DIRECTIVE_PATTERNS;
  let directive = pick(directivePatterns, 'directive');
  let strongDirective = matched.some((m) => m.startsWith('directive:') && m !== 'directive:deadline');
  const logistics = DELIVERY.test(body) ? [] : logisticsMatches(body);
  for (const id of logistics) matched.push(`logistics:${id}`);
  const asRequested = AS_REQUESTED.test(body);
  if (asRequested) matched.push('initiative:as-requested');
  const handsOver = HERE_YOU_GO.test(body);
  if (handsOver) matched.push('initiative:hands-over');

  const sendRequest = matched.some((m) => m.startsWith('request:') && !GENERIC_ASKS.has(m));
  const schedulingAsk = logistics.length > 0 && !sendRequest;
  let act: SentenceAct;
  if (APPROVAL.test(body)) {
    matched.push('approval');
    act = 'approval';
  } else if (LAUGHTER.test(sentence.toLowerCase()) && !request) {
    matched.push('social:laughter');
    act = 'social';
  } else if (
    !question &&
    !request &&
    logistics.length === 0 &&
    LEISURE.test(body) &&
    !WORK_WORDS.test(body) &&
    words(body) <= 16
  ) {
    matched.push('social:leisure');
    act = 'social';
  } else if (question) {
    if (ASIDE_QUESTION.test(sentence.trim()) || ASIDE_QUESTION.test(body) || TENTATIVE_QUESTION.test(body)) {
      matched.push('question:weak');
      act = 'weak-question';
    } else if (request && sendRequest) {
      act = 'request';
    } else if (schedulingAsk) {
      act = 'logistics';
    } else if (OFFER_QUESTION.test(body)) {
      matched.push('offer:question');
      act = 'offer';
    } else if (SUGGESTION_QUESTION.test(body)) {
      matched.push('suggestion:question');
      act = 'suggestion';
    } else {
      const ask = askKind(body);
      if (ask) matched.push(`ask:${ask}`);
      act = ask ?? (request ? 'request' : 'question');
      if (act === 'directive') {
        directive = true;
        strongDirective = true;
      }
    }
  } else if (request && !schedulingAsk) {
    act = 'request';
  } else if (pick(IMPLICIT_QUESTIONS, 'question')) {
    act = 'question';
  } else if (
    logistics.length > 0 &&
    (!strongDirective || logistics.some((id) => SCHEDULING_LOGISTICS.has(id)))
  ) {
    act = 'logistics';
  } else if (directive) {
    act = 'directive';
  } else {
    act = 'statement';
  }
  return {
    act,
    acknowledgement: act === 'social',
    courtesy: false,
    question,
    request: act === 'request',
    directive,
    strongDirective: strongDirective && act === 'directive',
    asRequested,
    answerOpening,
    handsOver,
    matched,
  };
}

/** The features of a social sentence or a courtesy line. */
function early(
  act: 'social' | 'courtesy',
  question: boolean,
  answerOpening: boolean,
  matched: string[],
): SentenceFeatures {
  return {
    act,
    acknowledgement: act === 'social',
    courtesy: act === 'courtesy',
    question,
    request: false,
    directive: false,
    strongDirective: false,
    asRequested: false,
    answerOpening,
    handsOver: false,
    matched,
  };
}

/**
 * The act of a polite question addressed to the reader ("can you …", "could someone …"): a request
 * when its verb asks for information, input, help, a review or a decision, or for something to be
 * sent to the author; a plain question for verbs like "be", "know", "remember"; otherwise a
 * directive to act. Null when the sentence is not such a question.
 */
function askKind(body: string): 'request' | 'question' | 'directive' | null {
  const m = ASK_QUESTION.exec(body);
  if (!m) return null;
  const verb = m[1]!;
  const fromVerb = body.slice(m.index + m[0].length - verb.length);
  const afterVerb = fromVerb.slice(verb.length).trim();
  if (INFO_PHRASE.test(fromVerb) || READER_INFO.test(fromVerb) || REPORT_BACK.test(fromVerb))
    return 'request';
  if (verb === 'mind') return GERUND_INFO.test(afterVerb) ? 'request' : 'directive';
  if (INFO_VERBS.has(verb)) {
    if (SEND_VERBS.has(verb)) {
      return TO_AUTHOR.test(afterVerb) || !OTHER_RECIPIENT.test(afterVerb) ? 'request' : 'directive';
    }
    if (INFO_VERB_NEEDS_AUTHOR.has(verb)) return TO_AUTHOR.test(afterVerb) ? 'request' : 'directive';
    return 'request';
  }
  if (QUESTION_VERBS.has(verb)) return 'question';
  if (SEND_TO_AUTHOR.test(fromVerb)) return 'request';
  return 'directive';
}

function words(text: string): number {
  return text.split(' ').length;
}

/** The sentence is addressed to the reader: "you", "please", or an imperative start. */
function addressesReader(body: string): boolean {
  return /\b(?:you|u|please|pls|kindly)\b|(?:^|, )(?:send|forward|email|e-mail|get|share|pass|shoot|return|fax)\b/.test(
    body,
  );
}

/** A salutation or sign-off that is only a name or two: "Tom,", "Hi Ana -", "-Priya". */
function isVocative(sentence: string): boolean {
  const m =
    /^[-–—~]?\s*((?:@[\w.-]+|\p{Lu}[\p{L}.'-]*)(?:\s+(?:@[\w.-]+|\p{Lu}[\p{L}.'-]*)){0,2})\s*[,:;-]+$/u.exec(
      sentence.trim(),
    );
  return m !== null;
}

/** True when the sentence's final punctuation (emoji and closing marks aside) holds a `?`. */
function endsWithQuestionMark(sentence: string): boolean {
  if (!/[?？]/.test(sentence)) return false;
  const trimmed = stripEmoji(sentence).replace(/[\s)\]"'”’*_~]+$/, '');
  const tail = /[.!?？…]+$/.exec(trimmed);
  return /[?？]/.test(tail?.[0] ?? '');
}

/**
 * The sentence without leading greetings, thanks, names, mentions or openers ("Hi Ana, also, can
 * you…" → "can you…"), normalised.
 */
function questionBody(sentence: string, normalised: string): string {
  if (!/[,;:]\s|[,;:]$|\s[-–—]/.test(sentence)) return normalised.replace(/^(?:@\S+\s+)+/, '');
  const clauses = sentence.replace(/[’‘]/g, "'").split(CLAUSE_SPLIT);
  let i = 0;
  while (i < clauses.length - 1 && isLeadIn(clauses[i]!)) i++;
  return normaliseSentence(clauses.slice(i).join(', ')).replace(/^(?:@\S+\s+)+/, '');
}

function isLeadIn(clause: string): boolean {
  const n = normaliseSentence(clause);
  return (
    OPENERS.test(n) ||
    isAcknowledgement(clause, n) ||
    /^(?:@[\w.-]+|\p{Lu}[\p{L}.'-]*)(?:\s+(?:@[\w.-]+|\p{Lu}[\p{L}.'-]*)){0,2}$/u.test(clause.trim())
  );
}
