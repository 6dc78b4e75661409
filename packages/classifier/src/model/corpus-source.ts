import type { Source } from '@pushpull/core';

/**
 * The kinds of text the real corpus covers, and for which the classifier's accuracy is published
 * (`model/accuracy.json`, see `publishedConfusion`).
 */
export const CORPUS_SOURCES = ['email', 'chat', 'github'] as const;
export type CorpusSource = (typeof CORPUS_SOURCES)[number];

/**
 * Which corpus source's published accuracy stands for the events of each product source: Outlook is
 * email (its meetings included), Slack is chat, GitHub is GitHub. Typed over every `Source` of
 * `@pushpull/core`, so a new event source does not compile until it is mapped here.
 *
 * @example CORPUS_SOURCE_OF.slack // 'chat'
 */
export const CORPUS_SOURCE_OF: Readonly<Record<Source, CorpusSource>> = Object.freeze({
  outlook: 'email',
  slack: 'chat',
  github: 'github',
});

/**
 * The corpus source whose published accuracy applies to events of `source` (see `CORPUS_SOURCE_OF`).
 *
 * @example publishedConfusion().sources[corpusSourceOf(event.source)].mode.counts
 */
export function corpusSourceOf(source: Source): CorpusSource {
  return CORPUS_SOURCE_OF[source];
}
