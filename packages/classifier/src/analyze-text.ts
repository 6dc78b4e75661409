import { cleanText } from './clean-text';
import { FORWARD_SUBJECT, REPLY_SUBJECT } from './phrase-patterns';
import { type SentenceFeatures, sentenceFeatures } from './sentence-features';
import { splitSentences } from './split-sentences';

/** What the text rules see of a message. Holds no text. */
export interface TextAnalysis {
  /** Nothing to read at all: no subject of the author's and no text after cleaning. */
  empty: boolean;
  /** The subject marks a forward ("Fwd: …"). */
  forward: boolean;
  /** A trailing courtesy line ("Let me know if you have any questions.") was set aside. */
  courtesyCloser: boolean;
  /** Every sentence, subject first, without the trailing courtesy lines. */
  sentences: SentenceFeatures[];
  /** The sentences that are not mere acknowledgement: what the message is about. */
  substantive: SentenceFeatures[];
}

/**
 * Reads a message the way the text rules need it. The subject counts as the author's words unless it
 * is a reply or forward subject ("Re: …", "Fwd: …"), which repeats an earlier message; pass
 * `subject: null` where the subject is a thread title the author did not write (comments). The text
 * is cleaned first (quoted replies, signatures, sign-offs), then trailing courtesy lines and the
 * acknowledgements around them are set aside.
 *
 * @example analyzeText({ subject: null, text: 'Shipped it. Let me know if you have any questions.' }).courtesyCloser === true
 */
export function analyzeText(input: { subject?: string | null; text?: string | null }): TextAnalysis {
  const subject = input.subject ?? '';
  const forward = FORWARD_SUBJECT.test(subject);
  const ownSubject = forward || REPLY_SUBJECT.test(subject) ? '' : subject;
  const sentences = [...splitSentences(ownSubject), ...splitSentences(cleanText(input.text ?? ''))].map(
    sentenceFeatures,
  );
  const empty = sentences.length === 0;
  let courtesyCloser = false;
  for (let i = sentences.length - 1; i >= 0; i--) {
    const s = sentences[i]!;
    if (s.courtesy) {
      sentences.splice(i, 1);
      courtesyCloser = true;
    } else if (!s.acknowledgement) {
      break;
    }
  }
  return {
    empty,
    forward,
    courtesyCloser,
    sentences,
    substantive: sentences.filter((s) => !s.acknowledgement),
  };
}
