import type { Initiative, Mode } from '@pushpull/core';

/**
 * The baseline every figure is compared with: a message whose subject or text contains a `?` is a
 * pull, anything else a push; every push is proactive. It never says neutral.
 *
 * @example questionMarkBaseline({ text: 'Can you send me the numbers?' }) // { mode: 'pull', initiative: null }
 */
export function questionMarkBaseline(event: { subject?: string | null; text?: string | null }): {
  mode: Mode;
  initiative: Initiative | null;
} {
  const asks = `${event.subject ?? ''}\n${event.text ?? ''}`.includes('?');
  return asks ? { mode: 'pull', initiative: null } : { mode: 'push', initiative: 'proactive' };
}
