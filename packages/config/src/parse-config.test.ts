import { isPushpullError } from '@pushpull/core';
import { describe, expect, it } from 'vitest';
import { hasConfiguredSource, parseConfig, redactUrl } from './parse-config';

function errorOf(fn: () => unknown): Error & { code?: string } {
  try {
    fn();
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a throw');
}

describe('parseConfig', () => {
  it('defaults to embedded everything', () => {
    const c = parseConfig({});
    expect(c).toMatchObject({
      databaseUrl: undefined,
      kafkaBrokers: undefined,
      redisUrl: undefined,
      port: 3000,
      dataDir: './.pushpull',
    });
    expect(hasConfiguredSource(c)).toBe(false);
  });
  it('parses services and lists', () => {
    const c = parseConfig({
      KAFKA_BROKERS: '127.0.0.1:9092, k2:9093',
      DATABASE_URL: 'postgres://u@h:5432/db',
      PORT: '8080',
    });
    expect(c.kafkaBrokers).toEqual(['127.0.0.1:9092', 'k2:9093']);
    expect(c.port).toBe(8080);
  });
  it('names every bad variable in one error', () => {
    const err = errorOf(() =>
      parseConfig({ PORT: 'eighty', KAFKA_BROKERS: 'nohostport', DATABASE_URL: 'mysql://x' }),
    );
    expect(isPushpullError(err, 'CONFIG_INVALID')).toBe(true);
    expect(err.message).toMatch(/PORT: must be an integer/);
    expect(err.message).toMatch(/KAFKA_BROKERS: must be a comma-separated list/);
    expect(err.message).toMatch(/DATABASE_URL: must be a postgres/);
  });
  it('never prints a secret value', () => {
    const err = errorOf(() =>
      parseConfig({ PUSHPULL_ADMIN_PASSWORD: 'short', GRAPH_CLIENT_SECRET: 'hunter2-secret' }),
    );
    expect(err.message).toMatch(/PUSHPULL_ADMIN_PASSWORD: must be at least 8/);
    expect(err.message).toMatch(/GRAPH_TENANT_ID, GRAPH_CLIENT_ID: required/);
    expect(err.message).not.toMatch(/short|hunter2/);
  });
  it('reads PUSHPULL_CONTENT (full by default, features) and names a bad value', () => {
    expect(parseConfig({}).content).toBe('full');
    const graph = { GRAPH_TENANT_ID: 't', GRAPH_CLIENT_ID: 'c', GRAPH_CLIENT_SECRET: 's3cret-value' };
    const c = parseConfig({ ...graph, PUSHPULL_CONTENT: 'features' });
    expect(c.content).toBe('features');
    expect(c.sources.graph?.content).toBe('features');
    const err = errorOf(() => parseConfig({ ...graph, PUSHPULL_CONTENT: 'summary' }));
    expect(isPushpullError(err, 'CONFIG_INVALID')).toBe(true);
    expect(err.message).toMatch(/PUSHPULL_CONTENT: must be full \(default\) or features/);
    expect(err.message).not.toMatch(/s3cret-value/);
  });
  it('reads PUSHPULL_TRUST_PROXY (false by default) and names a bad value', () => {
    expect(parseConfig({}).trustProxy).toBe(false);
    expect(parseConfig({ PUSHPULL_TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(parseConfig({ PUSHPULL_TRUST_PROXY: '0' }).trustProxy).toBe(false);
    const err = errorOf(() => parseConfig({ PUSHPULL_TRUST_PROXY: 'yes please' }));
    expect(err.message).toMatch(/PUSHPULL_TRUST_PROXY: must be true or false/);
  });
  it('reads PUSHPULL_RETENTION_DAYS (unset keeps everything) and names a bad value', () => {
    expect(parseConfig({}).retentionDays).toBeUndefined();
    expect(parseConfig({ PUSHPULL_RETENTION_DAYS: '365' }).retentionDays).toBe(365);
    for (const bad of ['0', '1.5', 'year']) {
      expect(errorOf(() => parseConfig({ PUSHPULL_RETENTION_DAYS: bad })).message).toMatch(
        /PUSHPULL_RETENTION_DAYS: must be a whole number of days/,
      );
    }
  });
  it('reads PUSHPULL_TOPIC_PARTITIONS (6 by default) and names a bad value', () => {
    expect(parseConfig({}).topicPartitions).toBe(6);
    expect(parseConfig({ PUSHPULL_TOPIC_PARTITIONS: '12' }).topicPartitions).toBe(12);
    for (const bad of ['0', '2.5', 'many', '1001']) {
      const err = errorOf(() => parseConfig({ PUSHPULL_TOPIC_PARTITIONS: bad }));
      expect(err.message).toContain('PUSHPULL_TOPIC_PARTITIONS');
    }
  });
  it('reads PUSHPULL_KAFKA_CLIENT (kafkajs by default) and names a bad value', () => {
    expect(parseConfig({}).kafkaClient).toBe('kafkajs');
    expect(parseConfig({ PUSHPULL_KAFKA_CLIENT: 'platformatic' }).kafkaClient).toBe('platformatic');
    expect(parseConfig({ PUSHPULL_KAFKA_CLIENT: ' kafkajs ' }).kafkaClient).toBe('kafkajs');
    expect(parseConfig({ PUSHPULL_KAFKA_CLIENT: '' }).kafkaClient).toBe('kafkajs');
    for (const bad of ['librdkafka', 'KafkaJS', 'platformatic-kafka']) {
      const err = errorOf(() => parseConfig({ PUSHPULL_KAFKA_CLIENT: bad }));
      expect(err.message).toMatch(/PUSHPULL_KAFKA_CLIENT: must be one of kafkajs, platformatic/);
    }
  });
  it('detects configured sources', () => {
    expect(hasConfiguredSource(parseConfig({ GITHUB_TOKEN: 't', GITHUB_ORG: 'o' }))).toBe(true);
  });
  it('redacts passwords in URLs', () => {
    expect(redactUrl('postgres://u:pw@h:5432/db')).toBe('postgres://u:***@h:5432/db');
  });
});
