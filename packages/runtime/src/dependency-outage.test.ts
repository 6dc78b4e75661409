import { describe, expect, it } from 'vitest';
import { dependencyOutageOptions } from './dependency-outage';

function recorder() {
  const lines: Array<{ level: string; fields: Record<string, unknown>; msg: string }> = [];
  return {
    lines,
    logger: {
      warn: (fields: Record<string, unknown>, msg: string) => lines.push({ level: 'warn', fields, msg }),
      info: (fields: Record<string, unknown>, msg: string) => lines.push({ level: 'info', fields, msg }),
    },
  };
}

const reset = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });

describe('dependencyOutageOptions', () => {
  it('on Postgres: connection errors are outages, logged once when the first partition waits and once when the last gets through', () => {
    const { lines, logger } = recorder();
    const clock = { t: 0 };
    const options = dependencyOutageOptions({ kind: 'postgres' }, logger as never, () => clock.t);
    expect(options.isOutage?.(reset)).toBe(true);
    expect(options.isOutage?.(new Error('duplicate key'))).toBe(false);
    options.onOutage?.({ state: 'down', topic: 't', partition: 0, error: reset });
    clock.t = 500;
    options.onOutage?.({ state: 'down', topic: 't', partition: 1, error: reset });
    clock.t = 8000;
    options.onOutage?.({ state: 'up', topic: 't', partition: 0, downForMs: 8000 });
    expect(lines).toHaveLength(1);
    clock.t = 8400;
    options.onOutage?.({ state: 'up', topic: 't', partition: 1, downForMs: 7900 });
    expect(lines.map((l) => l.level)).toEqual(['warn', 'info']);
    expect(lines[0]?.fields).toEqual({ dependency: 'postgres', reason: 'read ECONNRESET' });
    expect(lines[1]?.msg).toBe('Postgres is back after 8.4 s');
  });

  it('on PGlite: a connection error is no outage, an unreachable broker still is, and is named', () => {
    const { lines, logger } = recorder();
    const options = dependencyOutageOptions({ kind: 'pglite' }, logger as never, () => 0);
    expect(options.isOutage?.(reset)).toBe(true); // a reset socket without a database: the broker's
    const broker = Object.assign(new Error('Connection error: connect ECONNREFUSED 127.0.0.1:9092'), {
      name: 'KafkaJSConnectionError',
    });
    expect(options.isOutage?.(broker)).toBe(true);
    expect(options.isOutage?.(new Error('duplicate key'))).toBe(false);
    options.onOutage?.({ state: 'down', topic: 't', partition: 0, error: broker });
    options.onOutage?.({ state: 'up', topic: 't', partition: 0, downForMs: 0 });
    expect(lines.map((l) => l.msg)).toEqual([
      'Kafka unreachable: retrying the batch until it is back (nothing is lost or counted twice)',
      'Kafka is back after 0 s',
    ]);
  });

  it('on Postgres: a publish the broker refused is a Kafka outage, though its socket error looks like a refused query', () => {
    const { lines, logger } = recorder();
    const options = dependencyOutageOptions({ kind: 'postgres' }, logger as never, () => 0);
    const refused = Object.assign(new Error('Connection error: connect ECONNREFUSED 127.0.0.1:9092'), {
      name: 'KafkaJSConnectionError',
      code: 'ECONNREFUSED',
    });
    const publish = Object.assign(
      new Error(`cannot publish to labeled: ${refused.message}`, { cause: refused }),
      {
        code: 'BUS_PUBLISH_FAILED',
      },
    );
    expect(options.isOutage?.(publish)).toBe(true);
    options.onOutage?.({ state: 'down', topic: 't', partition: 0, error: publish });
    expect(lines[0]?.fields.dependency).toBe('kafka');
    expect(lines[0]?.msg).toMatch(/^Kafka unreachable/);
    // a bus error that is no outage (a record too large) is not called a Postgres one either
    const tooLarge = Object.assign(new Error('cannot publish: too large'), { code: 'BUS_PUBLISH_FAILED' });
    expect(options.isOutage?.(tooLarge)).toBe(false);
  });
});
