import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

// Keeps docker-compose.yml (which cannot run on a machine without Docker) consistent with
// infra/kafka/start.sh and the environment names of the contract (README configuration table). Needs no services.

const repoFile = (p: string) => readFileSync(new URL(`../${p}`, import.meta.url), 'utf8');

interface ComposeService {
  image?: string;
  build?: string;
  command?: string[] | string;
  environment?: Record<string, string | number | boolean | null>;
  ports?: string[];
}
const compose = parse(repoFile('docker-compose.yml'), { merge: true }) as {
  services: Record<string, ComposeService>;
};
const startScript = repoFile('infra/kafka/start.sh');

function scriptDefault(name: string): string {
  const m = startScript.match(new RegExp(`^${name}="\\$\\{${name}:-([^}]+)\\}"`, 'm'));
  if (!m?.[1]) throw new Error(`infra/kafka/start.sh has no default for ${name}`);
  return m[1];
}

/** Variables of docs/contracts.md §7 that a pipeline service may be given. */
const CONTRACT_ENV = [
  'DATABASE_URL',
  'KAFKA_BROKERS',
  'REDIS_URL',
  'PUSHPULL_DATA_DIR',
  'PORT',
  'PUSHPULL_ADMIN_PASSWORD',
  'GITHUB_TOKEN',
  'GITHUB_API_URL',
  'GITHUB_ORG',
  'GITHUB_REPOS',
  'SLACK_TOKEN',
  'SLACK_API_URL',
  'SLACK_CHANNELS',
  'GRAPH_TENANT_ID',
  'GRAPH_CLIENT_ID',
  'GRAPH_CLIENT_SECRET',
  'GRAPH_API_URL',
  'GRAPH_AUTHORITY_HOST',
  'GRAPH_USERS',
];
/** Also in docs/contracts.md §7, kept apart: the dashboard's bind address (a container needs 0.0.0.0). */
const EXTRA_ENV = ['HOST'];
const SERVICE_NAMES = ['connectors', 'classifier', 'aggregator', 'dashboard'];

const onlyValue = (s: ComposeService): string | undefined => {
  const cmd = Array.isArray(s.command) ? s.command : (s.command ?? '').split(/\s+/);
  const i = cmd.indexOf('--only');
  return i >= 0 ? cmd[i + 1] : undefined;
};
const pipeline = Object.entries(compose.services).filter(([, s]) => onlyValue(s) !== undefined);

describe('docker-compose.yml', () => {
  const kafka = compose.services.kafka;

  it('publishes Kafka on the port infra/kafka/start.sh uses by default', () => {
    const port = scriptDefault('KAFKA_PORT');
    expect(port).toBe('9092');
    expect(kafka?.ports).toContain(`127.0.0.1:${port}:${port}`); // loopback only (issue 14)
    expect(String(kafka?.environment?.KAFKA_ADVERTISED_LISTENERS)).toContain(`localhost:${port}`);
  });

  it('runs the same Kafka major version as infra/kafka/start.sh', () => {
    const image = kafka?.image ?? '';
    expect(image).toMatch(/^apache\/kafka:\d+\./);
    const imageMajor = image.split(':')[1]?.split('.')[0];
    expect(imageMajor).toBe(scriptDefault('KAFKA_VERSION').split('.')[0]);
  });

  it('runs each of the four pipeline services from the Dockerfile image with `pushpull serve --only <service>`', () => {
    const values = pipeline.map(([, s]) => onlyValue(s));
    for (const v of values) expect(SERVICE_NAMES).toContain(v);
    expect([...values].sort()).toEqual([...SERVICE_NAMES].sort());
    for (const [, s] of pipeline) {
      // the image's entry point is `pushpull` (Dockerfile); the command is its arguments
      expect((s.command as string[]).slice(0, 1)).toEqual(['serve']);
      expect(s.build).toBe('.');
      expect(s.image).toBe('pushpull:local');
    }
    expect(compose.services.dashboard?.ports).toContain('127.0.0.1:3000:3000');
    expect(compose.services.dashboard?.environment?.PORT).toBe(3000);
  });

  it('gives every pipeline service the variables of docs/contracts.md §7, pointing at the compose services', () => {
    const advertised = String(kafka?.environment?.KAFKA_ADVERTISED_LISTENERS);
    const pgDb = compose.services.postgres?.environment?.POSTGRES_DB;
    for (const [name, s] of pipeline) {
      const env = s.environment ?? {};
      for (const key of Object.keys(env))
        expect([...CONTRACT_ENV, ...EXTRA_ENV], `${name}: ${key}`).toContain(key);
      for (const required of ['KAFKA_BROKERS', 'DATABASE_URL', 'REDIS_URL']) {
        expect(env[required], `${name}: ${required}`).toBeTruthy();
      }
      for (const broker of String(env.KAFKA_BROKERS).split(',')) expect(advertised).toContain(`//${broker}`);
      expect(String(env.DATABASE_URL)).toMatch(new RegExp(`^postgres://[^@]+@postgres:5432/${pgDb}$`));
      // The passwords come from the same variables as the servers' (no default; test/security checks).
      expect(String(env.DATABASE_URL)).toContain(
        `:${compose.services.postgres?.environment?.POSTGRES_PASSWORD}@`,
      );
      expect(String(env.REDIS_URL)).toMatch(/^redis:\/\/:\$\{REDIS_PASSWORD:\?[^}]+\}@redis:6379$/);
    }
  });
});
