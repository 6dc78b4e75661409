import { describe, expect, it } from 'vitest';
import { createBus } from './create-bus';
import { EmbeddedBus } from './embedded-bus';
import { KafkaBus } from './kafka-bus';
import { PlatformaticKafkaBus } from './platformatic-kafka-bus';

describe('createBus', () => {
  it('is embedded without brokers and Kafka with them (without connecting)', async () => {
    const embedded = createBus({ clientId: 'test' });
    expect(embedded).toBeInstanceOf(EmbeddedBus);
    expect(createBus({ clientId: 'test', kafkaBrokers: [] })).toBeInstanceOf(EmbeddedBus);
    const kafka = createBus({ clientId: 'test', kafkaBrokers: ['127.0.0.1:1'] });
    expect(kafka).toBeInstanceOf(KafkaBus);
    const chosen = createBus({ clientId: 'test', kafkaBrokers: ['127.0.0.1:1'], kafkaClient: 'kafkajs' });
    expect(chosen).toBeInstanceOf(KafkaBus);
    const platformatic = createBus({
      clientId: 'test',
      kafkaBrokers: ['127.0.0.1:1'],
      kafkaClient: 'platformatic',
    });
    expect(platformatic).toBeInstanceOf(PlatformaticKafkaBus);
    expect(createBus({ clientId: 'test', kafkaClient: 'platformatic' })).toBeInstanceOf(EmbeddedBus);
    await Promise.all([kafka.close(), chosen.close(), platformatic.close()]);
    await embedded.close();
  });

  it('rejects an empty broker list given to KafkaBus directly', () => {
    expect(() => new KafkaBus({ brokers: [' '], clientId: 'x' })).toThrow(/brokers list is empty/);
  });
});
