import type { NamedPattern } from './phrase-patterns';

/**
 * How the author asks the reader for something, and how to tell a request for information (pull)
 * from a directive to act (push), an offer or a suggestion (push). Patterns run on a normalised
 * sentence without leading greetings and openers (see `sentenceFeatures`).
 */

/**
 * "Can you …", "could someone from the platform team …": the verb of a polite question addressed to
 * the reader, captured in group 1.
 */
export const ASK_QUESTION =
  /(?:^|[,;] (?:(?:so|and|but|then|also) )?|\b(?:so|and|but) )(?:(?:so|and|also|but|hey|ok|okay|then|btw)\s+)?(?:can|could|would|will|won't|can't|couldn't|wouldn't)\s+(?:you|u|ya|someone|somebody|anyone|anybody|y'all|you all|you both|you guys|one of you)(?:\s+(?:from|on|in|at|with)\s+(?:the\s+)?[\w-]+(?:\s+team)?)?\s+(?:(?:please|pls|plz|kindly|also|just|quickly|maybe|possibly|perhaps|still|both|all|two|three|guys|folks|then|now)\s+)*([\w'-]+)/;

/** Verbs that ask for information, a deliverable, input, help, a review or a decision: a pull. */
export const INFO_VERBS: ReadonlySet<string> = new Set(
  `send resend re-send forward email e-mail mail fax share tell let explain clarify describe walk summarize
   summarise confirm check verify review proofread comment weigh chime advise recommend suggest help assist
   approve answer respond reply remind update fill point provide spare give get pass show elaborate list
   outline estimate quote ping dm text vote rate double-check doublecheck re-review rereview sign`.split(
    /\s+/,
  ),
);

/** Multi-word asks for information, review or input ("take a look", "walk me through"). */
export const INFO_PHRASE =
  /^(?:(?:take|have|give (?:it|this|that|me|us)) a (?:quick |closer |second |final |brief )?look|look (?:at|over|through)|weigh in|chime in|walk (?:me|us) through|fill (?:me|us) in|fill (?:in|out)|sign off|keep (?:me|us) (?:posted|updated|in the loop)|let (?:me|us) know|get back to (?:me|us)|follow up with (?:me|us)|find out|put together (?:a|the) (?:list|summary|overview|breakdown)|help (?:me|us)|lend a hand|give (?:me|us) (?:a hand|your|some|an? (?:update|summary|overview|estimate)))\b/;

/** "… and come back with a recommendation": the reader is to report to the author. */
export const REPORT_BACK =
  /\b(?:come back|get back to (?:me|us)|circle back|report back|revert)(?: to (?:me|us))? with\b|\breport back\b/;

/** The reader's own information as the object of an ask ("put your updates in the doc"). */
export const READER_INFO =
  /\byour (?:updates?|status|numbers|estimates?|input|feedback|thoughts|comments|notes|ideas|priorities|availability|answers?|preferences?|recommendations?|take|views?|opinions?|reaction|questions|concerns|objections)\b/;

/** Verbs after "can you" that make a plain question rather than a directive. */
export const QUESTION_VERBS: ReadonlySet<string> = new Set(
  `be believe imagine know remember recall see guess think agree accept consider like want need hear live
   access reach reproduce repro afford`.split(/\s+/),
);

/**
 * Info verbs that are a directive when their object is not the author ("update the forecast",
 * "get Terry access", "check in the fix"): they ask for information only with me/us or a report.
 */
export const INFO_VERB_NEEDS_AUTHOR: ReadonlySet<string> = new Set(
  'update get give pass show sign tell let remind ping dm text point walk'.split(' '),
);

/** Verbs of sending: a directive, not a request, when they name another recipient. */
export const SEND_VERBS: ReadonlySet<string> = new Set(
  'send resend re-send forward email e-mail mail fax share provide pass return'.split(' '),
);

/** "… to Mia", "… with the whole team": a recipient other than the author. */
export const OTHER_RECIPIENT =
  /\b(?:to|with|cc) (?!me\b|us\b|our\b|my\b|you\b)(?:the |our |their |his |her )?[\w@]/;

/** Whether the object of an ask is the author or their side. */
export const TO_AUTHOR =
  /^(?:[\w'-]+\s+)?(?:(?:it|this|that|them|these|those|one|over|along|back)\s+)?(?:to\s+)?(?:me|us|our\b|my\b)/;

/** A request anywhere in a sentence that something be sent, shared or returned to the author. */
export const SEND_TO_AUTHOR =
  /\b(?:(?:send|forward|email|e-mail|mail|fax|return|pass|shoot|share)\s+(?:(?:\S+\s+){0,6}?(?:to (?:me|us)|with (?:me|us)|my way|our way|over)\b|(?:me|us)\b)|get (?:me|us)\b|get (?:\S+\s+){1,4}?to (?:me|us)\b)(?! a (?:call|ring|shout))/;

/** "Want me to …?", "shall I …?": an offer in question form, a push. */
export const OFFER_QUESTION =
  /^(?:(?:do|would) you (?:want|like|need) (?:me|us) to|(?:you )?want (?:me|us) to|shall i|shall we|should i go ahead|happy to .* if you (?:want|like)|i can .* if you (?:want|like))\b/;

/** A suggestion in question form ("why not …?", "maybe …?", "can we … instead?"): a push. */
export const SUGGESTION_QUESTION =
  /^(?:why not|why don't you|why don't we|how about (?!\d)|maybe|perhaps|possibly|probably|try|use|consider|might be worth|worth (?:trying|considering|adding)|wouldn't it be (?:better|easier|simpler|cleaner)|isn't it (?:better|easier|simpler)|would it (?:not )?(?:be|make sense) (?:better|easier|simpler|cleaner) to|what if we|or (?:maybe |just )?(?:we|you) (?:could|should|can))\b|(?:^|[,;] |\b(?:so|and|but) )(?:can|could|should) we\b.*\b(?:instead|rather)\b/;

/** A tentative conclusion with a question mark ("I guess that's the problem?"): not a real ask. */
export const TENTATIVE_QUESTION =
  /^(?:i guess|i think|i assume|i suppose|i believe|i presume|presumably|probably|so i guess|guess)\b/;

/** A question in passing ("(did you get the invite, by the way?)"): not the purpose of the message. */
export const ASIDE_QUESTION = /^\(.*\)$|\bby the way$|\bbtw$/;

/** Laughter marks a joke: a sentence with it is social unless it clearly asks for something. */
export const LAUGHTER = /(?:^|\s)(?:lol|lmao|rofl|haha\w*|hehe\w*)(?=\s|$)|[😂🤣😆😹]/u;

/** Statements that ask ("I don't understand why …", "I wonder whether …"). */
export const IMPLICIT_QUESTIONS: readonly NamedPattern[] = [
  {
    id: 'dont-understand',
    pattern:
      /\b(?:i don't understand|i do not understand|i'm not sure i understand|i can't tell|i'm confused (?:about|by|why)|i got some puzzles|it's not clear (?:to me )?(?:why|how|what|whether))\b/,
  },
  {
    id: 'wonder',
    pattern:
      /^(?:i was wondering|i'm wondering|i wonder|wondering|i'm curious|curious|just curious|i'd like to understand)\s+(?:if|whether|what|how|why|when|who|where|about)\b/,
  },
  {
    id: 'need-to-know',
    pattern:
      /\b(?:i|we) (?:need|want|would like|'d like|have) to (?:know|hear|understand|learn|find out|see) (?:what|how|why|when|where|who|whether|if|the|your|more|about)\b/,
  },
  {
    id: 'not-sure-how',
    pattern: /^(?:i'm |i am )?not sure (?:how|why|what|whether|if|where|when|which) /,
  },
];

/** A nudge that asks for a reply: "ping", "bump", "any update". */
export const NUDGE = /^(?:@\S+ )*(?:(?:friendly |gentle )?ping|bump|bumping(?: this)?)(?! me\b)(?:\b.*)?$/;

/** "Status?", "any update?": a nudge when asked as a question. */
export const STATUS_NUDGE =
  /^(?:@\S+ )*(?:any news|any updates?|status|update|eta)(?: @\S+| on this| here)*$/;

/** "(Would you mind) taking a look / sending me …": gerunds that ask for information or review. */
export const GERUND_INFO =
  /^(?:taking a (?:quick )?look|having a (?:quick )?look|looking (?:at|over|through)|reviewing|checking|confirming|explaining|sending|sharing|forwarding|letting (?:me|us) know|telling (?:me|us)|helping|giving (?:me|us|it|this))\b/;

/** Words that open an answer: a push that starts like this responds to something. */
export const ANSWER_OPENING =
  /^(?:yes|yeah|yep|yup|yea|no|nope|nah|not yet|not really|not at the moment|correct|exactly|indeed|affirmative|negative|of course|sure|absolutely|definitely|totally|approved)\b(?!\s+(?:worries|problem|prob|probs|need|thanks|idea|clue|way|rush|pressure|thing,? thanks))/;

/** "Here you go", "here it is": a push that hands over what was asked for. */
export const HERE_YOU_GO =
  /^(?:here you go|here you are|here it is|here they are|voila|here's the (?:\S+ ){0,4}you asked)\b/;
