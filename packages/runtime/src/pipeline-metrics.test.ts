import { describe, expect, it } from 'vitest';
import { createPipelineMetrics } from './pipeline-metrics';

describe('pipeline metrics', () => {
  it('counts batches by outcome and reads lag on scrape', async () => {
    const m = createPipelineMetrics();
    m.observeBatch('aggregator', {
      topic: 't',
      partition: 0,
      size: 10,
      ok: 8,
      dropped: 1,
      deadLettered: 1,
      attempts: 3,
      durationMs: 40,
    });
    let lag = 7;
    m.trackLag('aggregator', async () => lag);
    let text = await m.registry.metrics();
    expect(text).toMatch(/pushpull_consumer_messages_total\{consumer="aggregator",outcome="ok"\} 8/);
    expect(text).toMatch(
      /pushpull_consumer_messages_total\{consumer="aggregator",outcome="dead-lettered"\} 1/,
    );
    expect(text).toMatch(/pushpull_consumer_batch_retries_total\{consumer="aggregator"\} 2/);
    expect(text).toMatch(/pushpull_consumer_lag\{consumer="aggregator"\} 7/);
    lag = 0;
    text = await m.registry.metrics();
    expect(text).toMatch(/pushpull_consumer_lag\{consumer="aggregator"\} 0/);
  });
});
