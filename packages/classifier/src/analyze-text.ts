import { cleanText } from './clean-text';
import type { LexicalScores } from './model/lexical-scores';
import { AUTO_REPLY_SUBJECT, FORWARD_SUBJECT, REPLY_SUBJECT } from './phrase-patterns';
import { cachedSentenceFeatures } from './sentence-cache';
import { PULL_ACTS, PUSH_ACTS, type SentenceFeatures } from './sentence-features';
import { splitSentences } from './split-sentences';

/** What the text rules see of a message. Holds no text. */
export interface TextAnalysis {
  /** Nothing to read at all: no subject of the author's and no text after cleaning. */
  empty: boolean;
  /** The subject marks a forward ("Fwd: …"). */
  forward: boolean;
  /** The subject marks an automatic reply ("Automatic reply: …", "Out of office"). */
  autoReply: boolean;
  /** The subject marks a reply ("Re: …"). */
  reply: boolean;
  /** A courtesy line ("Let me know if you have any questions.") was set aside. */
  courtesyCloser: boolean;
  /** Every sentence the message is judged on: the text's, and the subject's where it asks or directs. */
  sentences: SentenceFeatures[];
  /** The sentences that carry substance: not social, not courtesy lines. */
  substantive: SentenceFeatures[];
  /** The first substantive sentence opens like an answer ("Yes, …", "Nope, …"). */
  answerFirst: boolean;
  /** Nothing substantive, but it opens with an answer word ("Yes!", "of course", "nope"). */
  bareAnswer: boolean;
  /**
   * The wording's scores for the learned layer, when they came with the event's text features
   * (`PUSHPULL_CONTENT=features`) instead of its text.
   */
  lexical?: LexicalScores;
}

/** Subject acts that count even when the text has something to say. */
const SUBJECT_ACTS = new Set(['request', 'question', 'directive', 'offer', 'suggestion']);

/**
 * Reads a message the way the text rules need it. The text is cleaned first (quoted replies,
 * signatures, sign-offs). The subject counts as the author's words unless it is a reply or forward
 * subject ("Re: …", "Fwd: …"), which repeats an earlier message; pass `subject: null` where the
 * subject is a thread title the author did not write (comments). A subject that only names a topic
 * ("Budget review") is used only when the text says nothing. Courtesy lines and social sentences
 * are set aside from the substance.
 *
 * @example analyzeText({ subject: null, text: 'Shipped it. Let me know if you have any questions.' }).courtesyCloser === true
 */
export function analyzeText(input: { subject?: string | null; text?: string | null }): TextAnalysis {
  return analyzeCleanedText(input.subject ?? null, cleanText(input.text ?? ''));
}

/**
 * {@link analyzeText} of a text already cleaned (`cleanText`): the same analysis, for a caller that
 * also needs the cleaned text (classifying reads it for the wording features too).
 *
 * @example analyzeCleanedText(null, cleanText(text)) // = analyzeText({ subject: null, text })
 */
export function analyzeCleanedText(subjectOrNull: string | null, cleaned: string): TextAnalysis {
  const subject = subjectOrNull ?? '';
  const forward = FORWARD_SUBJECT.test(subject);
  const autoReply = AUTO_REPLY_SUBJECT.test(subject);
  const reply = REPLY_SUBJECT.test(subject);
  const ownSubject = forward || autoReply || reply ? '' : subject;
  const body = splitSentences(cleaned).map(cachedSentenceFeatures);
  const bodySays = body.some(isSubstantive);
  const fromSubject = splitSentences(ownSubject)
    .map(cachedSentenceFeatures)
    .filter((s) => !bodySays || SUBJECT_ACTS.has(s.act));
  const sentences = [...fromSubject, ...body];
  const substantive = sentences.filter(isSubstantive);
  return {
    empty: ownSubject.trim() === '' && body.length === 0,
    forward,
    autoReply,
    reply,
    courtesyCloser: sentences.some((s) => s.courtesy),
    sentences,
    substantive,
    answerFirst: substantive[0]?.answerOpening === true && PUSH_ACTS.has(substantive[0].act),
    bareAnswer: substantive.length === 0 && body[0]?.answerOpening === true,
  };
}

function isSubstantive(s: SentenceFeatures): boolean {
  return s.act !== 'social' && s.act !== 'courtesy';
}

/** How many substantive sentences of a message solicit (pull) and give (push), and fix slots. */
export function actCounts(text: TextAnalysis): {
  pull: number;
  push: number;
  logistics: number;
  weak: number;
} {
  let pull = 0;
  let push = 0;
  let logistics = 0;
  let weak = 0;
  for (const s of text.substantive) {
    if (PULL_ACTS.has(s.act)) pull++;
    else if (PUSH_ACTS.has(s.act)) push++;
    else if (s.act === 'logistics') logistics++;
    else weak++;
  }
  return { pull, push, logistics, weak };
}
