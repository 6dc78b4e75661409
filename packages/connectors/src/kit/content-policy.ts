import { textFeatures } from '@pushpull/classifier';
import type { ActivityEvent } from '@pushpull/core';

/**
 * What a sync may publish of people's words (PUSHPULL_CONTENT, docs/contracts.md §7): `full` keeps the
 * text a connector read (at most a preview); `features` publishes no subject and no text, only the
 * classifier's text features. The runner applies it to every emitted page; connectors never do.
 */
export type ContentPolicy = 'full' | 'features';

/**
 * The event without `subject` and `text`, with the classifier's text features (numbers, no words)
 * in `attributes.textFeatures`.
 *
 * @example withoutText(event).text // null
 */
export function withoutText(event: ActivityEvent): ActivityEvent {
  const { subject, text, ...rest } = event;
  return {
    ...rest,
    subject: null,
    text: null,
    attributes: {
      ...event.attributes,
      textFeatures: textFeatures({ subject: subject ?? null, text: text ?? null }),
    },
  };
}

/**
 * The events as the policy lets them leave the sync.
 *
 * @example applyContentPolicy('features', page).every((e) => e.text === null) // true
 */
export function applyContentPolicy(
  policy: ContentPolicy,
  events: readonly ActivityEvent[],
): readonly ActivityEvent[] {
  return policy === 'features' ? events.map(withoutText) : events;
}
