import { PushpullError } from '@pushpull/core';
import { z } from 'zod';
import { type KafkaSecurityConfig, parseKafkaSecurity } from './kafka-security';

const hostPort = /^[A-Za-z0-9.-]+:\d{1,5}$/;

/** Variables whose values must never be printed. */
export const SECRET_VARIABLES = [
  'GITHUB_TOKEN',
  'SLACK_TOKEN',
  'GRAPH_CLIENT_SECRET',
  'PUSHPULL_ADMIN_PASSWORD',
  'KAFKA_SASL_PASSWORD',
] as const;

/** The `sslmode` values of a DATABASE_URL (libpq's, and node-postgres's `no-verify`). */
export const POSTGRES_SSL_MODES = [
  'disable',
  'allow',
  'prefer',
  'require',
  'verify-ca',
  'verify-full',
  'no-verify',
] as const;

function sslModeOf(url: string): string | null {
  try {
    return new URL(url).searchParams.get('sslmode');
  } catch {
    return null;
  }
}

/**
 * Partitions of the pipeline's topics when created: the most classifier or aggregator processes that can share
 * one topic's work (a partition goes to one member of a group at a time).
 */
export const DEFAULT_TOPIC_PARTITIONS = 6;

/** The Kafka client libraries the bus can run on (PUSHPULL_KAFKA_CLIENT). */
export const KAFKA_CLIENTS = ['kafkajs', 'platformatic'] as const;
/** A Kafka client library name: `kafkajs` or `platformatic` (@platformatic/kafka). */
export type KafkaClientName = (typeof KAFKA_CLIENTS)[number];
/** The Kafka client unless PUSHPULL_KAFKA_CLIENT says otherwise (see packages/bus/README.md, "Why kafkajs"). */
export const DEFAULT_KAFKA_CLIENT: KafkaClientName = 'kafkajs';

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const EnvSchema = z.object({
  DATABASE_URL: optionalString
    .refine((v) => v === undefined || /^postgres(ql)?:\/\/[^\s]+$/.test(v), {
      message: 'must be a postgres:// or postgresql:// URL',
    })
    .refine(
      (v) => {
        const mode = v === undefined ? null : sslModeOf(v);
        return mode === null || (POSTGRES_SSL_MODES as readonly string[]).includes(mode);
      },
      {
        message: `sslmode must be one of ${POSTGRES_SSL_MODES.join(', ')}`,
      },
    ),
  KAFKA_BROKERS: optionalString
    .transform((v) =>
      v === undefined
        ? undefined
        : v
            .split(',')
            .map((b) => b.trim())
            .filter(Boolean),
    )
    .refine((v) => v === undefined || (v.length > 0 && v.every((b) => hostPort.test(b))), {
      message: 'must be a comma-separated list of host:port',
    }),
  REDIS_URL: optionalString.refine((v) => v === undefined || /^rediss?:\/\/[^\s]+$/.test(v), {
    message: 'must be a redis:// or rediss:// URL',
  }),
  PUSHPULL_DATA_DIR: optionalString.transform((v) => v ?? './.pushpull'),
  PORT: optionalString
    .transform((v) => (v === undefined ? 3000 : Number(v)))
    .refine((v) => Number.isInteger(v) && v >= 0 && v <= 65535, {
      message: 'must be an integer port 0–65535',
    }),
  PUSHPULL_METRICS_PORT: optionalString
    .transform((v) => (v === undefined ? undefined : Number(v)))
    .refine((v) => v === undefined || (Number.isInteger(v) && v >= 0 && v <= 65535), {
      message: 'must be an integer port 0–65535',
    }),
  PUSHPULL_SYNC_EVERY_MINUTES: optionalString
    .transform((v) => (v === undefined ? 15 : Number(v)))
    .refine((v) => Number.isFinite(v) && v >= 0.1 && v <= 7 * 24 * 60, {
      message: 'must be a number of minutes (0.1–10080)',
    }),
  PUSHPULL_RETENTION_DAYS: optionalString
    .transform((v) => (v === undefined ? undefined : Number(v)))
    .refine((v) => v === undefined || (Number.isInteger(v) && v >= 1 && v <= 36_500), {
      message: 'must be a whole number of days (1–36500); unset keeps everything',
    }),
  PUSHPULL_SYNC_SINCE: optionalString.refine(
    (v) => v === undefined || (/^\d{4}-\d{2}-\d{2}/.test(v) && !Number.isNaN(Date.parse(v))),
    {
      message: 'must be a date like 2026-01-31',
    },
  ),
  HOST: optionalString.transform((v) => v ?? '127.0.0.1'),
  PUSHPULL_ADMIN_PASSWORD: optionalString.refine((v) => v === undefined || v.length >= 8, {
    message: 'must be at least 8 characters',
  }),
  PUSHPULL_LOG_LEVEL: optionalString
    .transform((v) => v ?? 'info')
    .refine((v) => ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(v), {
      message: 'must be one of fatal, error, warn, info, debug, trace, silent',
    }),
  PUSHPULL_NAMESPACE: optionalString
    .transform((v) => v ?? '')
    .refine((v) => /^[a-z0-9._-]*$/i.test(v), {
      message: 'may hold only letters, digits, dot, dash, underscore',
    }),
  PUSHPULL_TOPIC_PARTITIONS: optionalString
    .transform((v) => (v === undefined ? DEFAULT_TOPIC_PARTITIONS : Number(v)))
    .refine((v) => Number.isInteger(v) && v >= 1 && v <= 1000, {
      message: 'must be a whole number of partitions (1–1000)',
    }),
  PUSHPULL_KAFKA_CLIENT: optionalString
    .transform((v) => v ?? DEFAULT_KAFKA_CLIENT)
    .refine((v): v is KafkaClientName => (KAFKA_CLIENTS as readonly string[]).includes(v), {
      message: `must be one of ${KAFKA_CLIENTS.join(', ')}`,
    }),
  PUSHPULL_ORG_DOMAINS: optionalString.transform((v) =>
    v === undefined
      ? []
      : v
          .split(',')
          .map((d) => d.trim().toLowerCase())
          .filter(Boolean),
  ),
  GITHUB_TOKEN: optionalString,
  GITHUB_API_URL: optionalString.transform((v) => v ?? 'https://api.github.com'),
  GITHUB_ORG: optionalString,
  GITHUB_REPOS: optionalString,
  SLACK_TOKEN: optionalString,
  SLACK_API_URL: optionalString.transform((v) => v ?? 'https://slack.com/api/'),
  SLACK_CHANNELS: optionalString,
  GRAPH_TENANT_ID: optionalString,
  GRAPH_CLIENT_ID: optionalString,
  GRAPH_CLIENT_SECRET: optionalString,
  GRAPH_API_URL: optionalString.transform((v) => v ?? 'https://graph.microsoft.com/v1.0'),
  GRAPH_AUTHORITY_HOST: optionalString.transform((v) => v ?? 'https://login.microsoftonline.com'),
  GRAPH_USERS: optionalString,
  PUSHPULL_TRUST_PROXY: optionalString
    .transform((v) => (v === undefined ? 'false' : v.toLowerCase()))
    .refine((v) => ['true', 'false', '1', '0'].includes(v), {
      message:
        'must be true or false (true: a reverse proxy in front sets X-Forwarded-For and X-Forwarded-Proto)',
    })
    .transform((v) => v === 'true' || v === '1'),
  PUSHPULL_CONTENT: optionalString
    .transform((v) => v ?? 'full')
    .refine((v) => v === 'full' || v === 'features', {
      message: 'must be full (default) or features (classify inside the connector; no text leaves it)',
    }),
});

/** The whole configuration of a pushpull process, typed. */
export interface PushpullConfig {
  databaseUrl: string | undefined;
  kafkaBrokers: string[] | undefined;
  /** TLS and SASL of every Kafka connection (KAFKA_SSL*, KAFKA_SASL_*); both undefined = PLAINTEXT. */
  kafkaSecurity: KafkaSecurityConfig;
  redisUrl: string | undefined;
  dataDir: string;
  port: number;
  host: string;
  /** Port of /metrics and /healthz for processes without the dashboard; unset = none. */
  metricsPort: number | undefined;
  /** Interval of the scheduled source syncs, in ms. */
  syncEveryMs: number;
  /** Where the first sync of a scope starts; undefined = 90 days before the run. */
  syncSince: Date | undefined;
  /** PUSHPULL_RETENTION_DAYS: facts older than this many days are deleted daily; undefined keeps everything. */
  retentionDays: number | undefined;
  adminPassword: string | undefined;
  logLevel: string;
  orgDomains: string[];
  /** Prefix of topics, consumer groups and queues ('' = the contract's names). */
  namespace: string;
  /**
   * PUSHPULL_TOPIC_PARTITIONS: partitions of the raw and labeled topics (and their dead-letter topics) when this
   * process creates them; an existing topic keeps its count. Default {@link DEFAULT_TOPIC_PARTITIONS}.
   */
  topicPartitions: number;
  /**
   * PUSHPULL_KAFKA_CLIENT: the client library of the Kafka bus, `kafkajs` or `platformatic`
   * (@platformatic/kafka); both pass the same bus contract. Default {@link DEFAULT_KAFKA_CLIENT}.
   */
  kafkaClient: KafkaClientName;
  /** PUSHPULL_CONTENT: `features` = connectors that can classify inside publish no text (Outlook). */
  content: 'full' | 'features';
  /**
   * PUSHPULL_TRUST_PROXY: the dashboard sits behind a reverse proxy whose `X-Forwarded-For` (client address of
   * login rate limiting) and `X-Forwarded-Proto` (`https`: Secure cookies) it believes. Default false.
   */
  trustProxy: boolean;
  sources: {
    github: { token: string; apiUrl: string; org: string | undefined; repos: string[] } | undefined;
    slack: { token: string; apiUrl: string; channels: string[] } | undefined;
    graph:
      | {
          tenantId: string;
          clientId: string;
          clientSecret: string;
          apiUrl: string;
          authorityHost: string;
          users: string[];
          content: 'full' | 'features';
        }
      | undefined;
  };
}

const list = (v: string | undefined): string[] =>
  v
    ? v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : [];

/**
 * Parses the environment once. A bad value stops start-up with one PushpullError('CONFIG_INVALID')
 * whose message names every bad variable and what is wrong — never a secret's value.
 *
 * @example
 * const config = parseConfig(process.env); // in a service's main.ts, and nowhere else
 */
export function parseConfig(env: Record<string, string | undefined>): PushpullConfig {
  const parsed = EnvSchema.safeParse(env);
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`);
  const e = parsed.success ? parsed.data : undefined;
  const raw = (k: string) => (env[k]?.trim() ? env[k]?.trim() : undefined);
  const requireAll = (group: string, vars: string[]) => {
    const missing = vars.filter((v) => raw(v) === undefined);
    if (missing.length > 0 && missing.length < vars.length) {
      problems.push(`${missing.join(', ')}: required when ${group} is configured`);
    }
  };
  if (raw('GITHUB_TOKEN') && !raw('GITHUB_ORG') && !raw('GITHUB_REPOS')) {
    problems.push('GITHUB_ORG or GITHUB_REPOS: one is required when GITHUB_TOKEN is set');
  }
  if (list(raw('GITHUB_REPOS')).some((r) => !/^[\w.-]+\/[\w.-]+$/.test(r))) {
    problems.push('GITHUB_REPOS: must be owner/name,owner/name');
  }
  requireAll('Microsoft Graph', ['GRAPH_TENANT_ID', 'GRAPH_CLIENT_ID', 'GRAPH_CLIENT_SECRET']);
  const kafka = parseKafkaSecurity(raw, raw('KAFKA_BROKERS') !== undefined);
  problems.push(...kafka.problems);
  if (problems.length > 0 || e === undefined) {
    throw new PushpullError('CONFIG_INVALID', `bad configuration — ${problems.join('; ')}`, {
      problems,
    });
  }
  return {
    databaseUrl: e.DATABASE_URL,
    kafkaBrokers: e.KAFKA_BROKERS,
    kafkaSecurity: kafka.security,
    redisUrl: e.REDIS_URL,
    dataDir: e.PUSHPULL_DATA_DIR,
    port: e.PORT,
    host: e.HOST,
    metricsPort: e.PUSHPULL_METRICS_PORT,
    syncEveryMs: Math.round(e.PUSHPULL_SYNC_EVERY_MINUTES * 60_000),
    syncSince: e.PUSHPULL_SYNC_SINCE ? new Date(e.PUSHPULL_SYNC_SINCE) : undefined,
    retentionDays: e.PUSHPULL_RETENTION_DAYS,
    adminPassword: e.PUSHPULL_ADMIN_PASSWORD,
    logLevel: e.PUSHPULL_LOG_LEVEL,
    orgDomains: e.PUSHPULL_ORG_DOMAINS,
    namespace: e.PUSHPULL_NAMESPACE,
    topicPartitions: e.PUSHPULL_TOPIC_PARTITIONS,
    kafkaClient: e.PUSHPULL_KAFKA_CLIENT as KafkaClientName,
    content: e.PUSHPULL_CONTENT as 'full' | 'features',
    trustProxy: e.PUSHPULL_TRUST_PROXY,
    sources: {
      github: e.GITHUB_TOKEN
        ? { token: e.GITHUB_TOKEN, apiUrl: e.GITHUB_API_URL, org: e.GITHUB_ORG, repos: list(e.GITHUB_REPOS) }
        : undefined,
      slack: e.SLACK_TOKEN
        ? { token: e.SLACK_TOKEN, apiUrl: e.SLACK_API_URL, channels: list(e.SLACK_CHANNELS) }
        : undefined,
      graph:
        e.GRAPH_TENANT_ID && e.GRAPH_CLIENT_ID && e.GRAPH_CLIENT_SECRET
          ? {
              tenantId: e.GRAPH_TENANT_ID,
              clientId: e.GRAPH_CLIENT_ID,
              clientSecret: e.GRAPH_CLIENT_SECRET,
              apiUrl: e.GRAPH_API_URL,
              authorityHost: e.GRAPH_AUTHORITY_HOST,
              users: list(e.GRAPH_USERS),
              content: e.PUSHPULL_CONTENT as 'full' | 'features',
            }
          : undefined,
    },
  };
}

/** True when any real source (GitHub, Slack, Graph) is configured. */
export function hasConfiguredSource(config: PushpullConfig): boolean {
  return Boolean(config.sources.github || config.sources.slack || config.sources.graph);
}

/** A database URL with its password replaced, safe to print. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable URL)';
  }
}
