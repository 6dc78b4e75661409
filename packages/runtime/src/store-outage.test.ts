import { describe, expect, it } from 'vitest';
import { storeOutageOptions } from './store-outage';

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

describe('storeOutageOptions', () => {
  it('on Postgres: connection errors are outages, logged once when the first partition waits and once when the last gets through', () => {
    const { lines, logger } = recorder();
    const clock = { t: 0 };
    const options = storeOutageOptions({ kind: 'postgres' }, logger as never, () => clock.t);
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

  it('on PGlite: nothing (no outages in process)', () => {
    expect(storeOutageOptions({ kind: 'pglite' }, recorder().logger as never)).toEqual({});
  });
});
