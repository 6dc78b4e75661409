import { isBroadcastEdge, type LabeledEvent } from '@pushpull/core';
import type { FactInput } from './fact-repository';

/**
 * Maps a LabeledEvent to the fact the store keeps: labels, reasons and metadata, never text. Used by
 * the aggregator and by `pushpull reclassify`. `fallbackOccurredAt` stands in for a missing occurredAt.
 *
 * @example toFact(labeled, new Date().toISOString()).edges[0].direction // 'up'
 */
export function toFact(event: LabeledEvent, fallbackOccurredAt: string): FactInput {
  return {
    eventId: event.id,
    occurredAt: event.occurredAt ?? fallbackOccurredAt,
    source: event.source ?? event.id.split(':')[0] ?? 'unknown',
    type: event.type ?? null,
    actorPersonId: event.actor.personId,
    mode: event.mode,
    initiative: event.initiative,
    confidence: event.confidence,
    reasons: event.reasons,
    classifierVersion: event.classifierVersion,
    url: event.url ?? null,
    respondsTo: event.respondsTo ?? null,
    edges: event.edges.map((edge) =>
      isBroadcastEdge(edge)
        ? {
            targetPersonId: null,
            direction: 'broadcast',
            distance: null,
            broadcast: true,
            audienceSize: edge.audience.size ?? null,
          }
        : {
            targetPersonId: edge.personId,
            direction: edge.direction,
            distance: edge.distance,
            broadcast: false,
            audienceSize: null,
          },
    ),
  };
}
