import type { Initiative, Mode } from '@pushpull/core';

/** A counterpart of a message: a person index (≥ 0) or an external contact, encoded as -(index + 1). */
export type Party = number;

/** The party number of external contact `index`. */
export function externalParty(index: number): Party {
  return -(index + 1);
}

/** The ground-truth label a conversation script gives one message. */
export interface Label {
  readonly mode: Mode;
  readonly initiative: Initiative | null;
}

export const PUSH_PROACTIVE: Label = { mode: 'push', initiative: 'proactive' };
export const PUSH_RESPONSIVE: Label = { mode: 'push', initiative: 'responsive' };
export const PULL: Label = { mode: 'pull', initiative: null };
export const NEUTRAL: Label = { mode: 'neutral', initiative: null };

/**
 * One thread, email conversation, issue or pull request. Each post happens a little after the previous
 * one, shares the conversation id, and replies to `replyTo` when given.
 *
 * @example
 * const q = conv.post(manager, [report], 'How is the export job going?', PULL, null);
 * conv.post(report, [manager], 'Status of the export job: all open bugs are fixed.', PUSH_RESPONSIVE, q);
 */
export interface Conversation {
  /** Posts a message of `author` addressed to `to`; returns the new event's id. */
  post(author: number, to: readonly Party[], text: string, label: Label, replyTo: string | null): string;
}
