import { BARE_ANSWER_REASON, MODEL_REASONS } from './classify-event';
import { PROACTIVE_REASON } from './initiative-rules';

/** What a reason id decides: the mode, or the initiative of a push. */
export type ReasonKind = 'mode' | 'initiative';

/** A reason id explained for the person the label describes: no message text, only the rule. */
export interface ReasonEntry {
  kind: ReasonKind;
  /** One plain sentence, shown in the dashboard and reports beside the count. */
  text: string;
}

/**
 * Every reason id a label can carry, in plain words. The dashboard and `pushpull report` show
 * these beside the counts so a label can be explained without showing anyone's message; a test
 * checks that every rule has an entry.
 *
 * @example REASON_CATALOG['question-sentence'].text // 'It asks a question.'
 */
export const REASON_CATALOG: Readonly<Record<string, ReasonEntry>> = {
  // Structure: the event type decides.
  'review-request': { kind: 'mode', text: 'A review request asks someone for their review (pull).' },
  'review-submitted': { kind: 'mode', text: 'A submitted review gives feedback (push).' },
  'pr-opened': { kind: 'mode', text: 'Opening a pull request offers work to others (push).' },
  assignment: { kind: 'mode', text: 'Assigning an issue hands work to someone (push).' },
  'meeting-logistics': { kind: 'mode', text: 'Organising a meeting is logistics, not a flow (neutral).' },
  // Text: the words decide.
  'auto-reply': { kind: 'mode', text: 'An automatic reply (out of office) carries nothing (neutral).' },
  answer: { kind: 'mode', text: 'It opens like an answer ("Yes, …", "No, …") and gives one (push).' },
  'question-sentence': { kind: 'mode', text: 'It asks a question (pull).' },
  'request-for-information': {
    kind: 'mode',
    text: 'It asks for information, an opinion or a deliverable to be sent to the author (pull).',
  },
  'implicit-question': { kind: 'mode', text: 'It asks without a question mark ("wondering if …") (pull).' },
  forward: { kind: 'mode', text: 'It forwards a message or document (push).' },
  'scheduling-logistics': { kind: 'mode', text: 'It is mostly about when and where to meet (neutral).' },
  statement: { kind: 'mode', text: 'It gives information, an update or a decision (push).' },
  'tentative-question': { kind: 'mode', text: 'It asks tentatively ("any news on …") (pull).' },
  offer: { kind: 'mode', text: 'It offers help or something to the reader (push).' },
  acknowledgement: {
    kind: 'mode',
    text: 'Thanks, an acknowledgement, a greeting or chatter: no substantive flow (neutral).',
  },
  directive: { kind: 'mode', text: 'It tells the reader to do something (push).' },
  suggestion: { kind: 'mode', text: 'It proposes an idea or a course of action (push).' },
  approval: { kind: 'mode', text: 'It approves or signs something off (push).' },
  'courtesy-closer': {
    kind: 'mode',
    text: 'A trailing courtesy line ("let me know if you have questions") was not counted as a pull.',
  },
  'no-text': { kind: 'mode', text: 'There is no text to judge (neutral).' },
  [BARE_ANSWER_REASON]: {
    kind: 'mode',
    text: 'A bare "yes" or "no" that answers a question put to the author (push).',
  },
  // Initiative of a push.
  'answers-earlier-pull': {
    kind: 'initiative',
    text: 'It answers or fulfils an earlier ask in the same thread, conversation or pull request (responsive).',
  },
  'as-requested': { kind: 'initiative', text: 'It says it was asked for ("as you requested") (responsive).' },
  'answer-opening': {
    kind: 'initiative',
    text: 'It opens like an answer inside a conversation (responsive).',
  },
  'hands-over': {
    kind: 'initiative',
    text: 'It hands over something asked for ("here you go") (responsive).',
  },
  [PROACTIVE_REASON]: { kind: 'initiative', text: 'Nobody asked for it (proactive).' },
  // The learned layer, where it decides otherwise than the rules (the rules that weighed most follow).
  [MODEL_REASONS.push]: {
    kind: 'mode',
    text: 'Weighing the rules and its wording together, the learned model reads it as giving something (push).',
  },
  [MODEL_REASONS.pull]: {
    kind: 'mode',
    text: 'Weighing the rules and its wording together, the learned model reads it as asking for something (pull).',
  },
  [MODEL_REASONS.neutral]: {
    kind: 'mode',
    text: 'Weighing the rules and its wording together, the learned model finds no substantive flow (neutral).',
  },
  [MODEL_REASONS.responsive]: {
    kind: 'initiative',
    text: 'Weighing the conversation and its wording, the learned model reads it as answering an earlier ask (responsive).',
  },
  [MODEL_REASONS.proactive]: {
    kind: 'initiative',
    text: 'Weighing the conversation and its wording, the learned model finds nobody asked for it (proactive).',
  },
};

/**
 * The plain-words explanation of a reason id; an unknown id (from a newer classifier) is shown as
 * itself.
 *
 * @example describeReason('no-earlier-pull') // 'Nobody asked for it (proactive).'
 */
export function describeReason(id: string): string {
  return REASON_CATALOG[id]?.text ?? id;
}
