import { describe, expect, it } from 'vitest';
import { createBus } from './create-bus';
import { EmbeddedBus } from './embedded-bus';
import { KafkaBus } from './kafka-bus';

describe('createBus', () => {
  it('is embedded without brokers and Kafka with them (without connecting)', async () => {
    const embedded = createBus({ clientId: 'test' });
    expect(embedded).toBeInstanceOf(EmbeddedBus);
    expect(createBus({ clientId: 'test', kafkaBrokers: [] })).toBeInstanceOf(EmbeddedBus);
    const kafka = createBus({ clientId: 'test', kafkaBrokers: ['127.0.0.1:1'] });
    expect(kafka).toBeInstanceOf(KafkaBus);
    await kafka.close();
    await embedded.close();
  });

  it('rejects an empty broker list given to KafkaBus directly', () => {
    expect(() => new KafkaBus({ brokers: [' '], clientId: 'x' })).toThrow(/brokers list is empty/);
  });
});
