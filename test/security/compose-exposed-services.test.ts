import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

// Finding 4 of issue 14 (the compose part): docker-compose.yml published Kafka (plaintext, the raw
// topic holds message text), Postgres (superuser pushpull/pushpull) and Redis (no password) on every
// interface. Replayed on the file as Docker Compose reads it (no Docker needed): what another host
// on the network could reach, and which passwords it could guess.

const text = readFileSync(new URL('../../docker-compose.yml', import.meta.url), 'utf8');
const compose = parse(text, { merge: true }) as {
  services: Record<
    string,
    { command?: string[] | string; environment?: Record<string, unknown>; ports?: unknown[] }
  >;
};

/** The host address a `ports` entry binds (compose's default, when none is given, is every interface). */
function hostAddress(entry: unknown): string {
  if (typeof entry === 'object' && entry !== null)
    return String((entry as { host_ip?: string }).host_ip ?? '0.0.0.0');
  const parts = String(entry).split(':');
  return parts.length >= 3 ? parts.slice(0, -2).join(':') : '0.0.0.0';
}

/** `${NAME:?message}`: a variable compose requires, with no default. */
const required = (name: string) => new RegExp(`^\\$\\{${name}:\\?[^}]+\\}$`);

describe('finding 4: services published by docker-compose.yml', () => {
  it('publishes no port beyond 127.0.0.1', () => {
    const published = Object.entries(compose.services).flatMap(([name, s]) =>
      (s.ports ?? []).map((p) => `${name} ${hostAddress(p)}`),
    );
    expect(published.length).toBeGreaterThanOrEqual(4);
    expect(published.filter((p) => !p.endsWith(' 127.0.0.1'))).toEqual([]);
  });

  it('has no Postgres password anyone can guess: a required variable, the same in every DATABASE_URL', () => {
    const password = String(compose.services.postgres?.environment?.POSTGRES_PASSWORD);
    expect(password).toMatch(required('POSTGRES_PASSWORD'));
    for (const [name, s] of Object.entries(compose.services)) {
      const url = s.environment?.DATABASE_URL;
      if (url === undefined) continue;
      expect(new URL(String(url).replace(password, 'secret')).password, name).toBe('secret');
    }
  });

  it('makes Redis require a password, from a required variable, and every REDIS_URL carry it', () => {
    const command = compose.services.redis?.command;
    const args = Array.isArray(command) ? command : String(command ?? '').split(/\s+/);
    const i = args.indexOf('--requirepass');
    expect(i).toBeGreaterThanOrEqual(0);
    const password = String(args[i + 1]);
    expect(password).toMatch(required('REDIS_PASSWORD'));
    for (const [name, s] of Object.entries(compose.services)) {
      const url = s.environment?.REDIS_URL;
      if (url === undefined) continue;
      expect(new URL(String(url).replace(password, 'secret')).password, name).toBe('secret');
    }
  });

  it('spells out no password literally (no `pushpull`, no `:-default`)', () => {
    expect(text).not.toMatch(/PASSWORD:\s*pushpull/);
    expect(text).not.toMatch(/postgres:\/\/[^:]+:pushpull@/);
    expect(text).not.toMatch(/\$\{(POSTGRES|REDIS)_PASSWORD:-/);
  });
});
