/** The raw activity topic: ActivityEvents as CloudEvents, partitioned by conversation. */
export const RAW_TOPIC = 'pushpull.activity.raw.v1';
/** The labeled topic: LabeledEvents as CloudEvents, partitioned by actor. */
export const LABELED_TOPIC = 'pushpull.activity.labeled.v1';

/** The dead-letter topic of a topic: `<topic>.dlq`. */
export function dlqTopic(topic: string): string {
  return `${topic}.dlq`;
}

/** Every topic the pipeline creates on start. */
export const ALL_TOPICS = [RAW_TOPIC, LABELED_TOPIC, dlqTopic(RAW_TOPIC), dlqTopic(LABELED_TOPIC)] as const;

/** Topic and group names of one pipeline, optionally namespaced (tests, several pipelines on one cluster). */
export interface PipelineNames {
  raw: string;
  labeled: string;
  classifierGroup: string;
  aggregatorGroup: string;
  connectorQueue: string;
}

/**
 * The names a pipeline uses. With an empty namespace these are the contract's names
 * (`pushpull.activity.raw.v1`, …); a namespace `ns` prefixes every one with `ns.`.
 *
 * @example pipelineNames('').raw === 'pushpull.activity.raw.v1'
 */
export function pipelineNames(namespace = ''): PipelineNames {
  const p = namespace ? `${namespace}.` : '';
  return {
    raw: `${p}${RAW_TOPIC}`,
    labeled: `${p}${LABELED_TOPIC}`,
    classifierGroup: `${p}pushpull-classifier`,
    aggregatorGroup: `${p}pushpull-aggregator`,
    connectorQueue: `${p}pushpull-connectors`,
  };
}
