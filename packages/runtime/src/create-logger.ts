import { type Logger, pino } from 'pino';

/**
 * A pino JSON logger that redacts anything that looks like a secret or message content, as a
 * second line of defence (code never logs them on purpose).
 *
 * @example const logger = createLogger('info', 'classifier');
 */
export function createLogger(level: string, service: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service },
      redact: {
        paths: [
          '*.text',
          '*.subject',
          '*.password',
          '*.token',
          '*.secret',
          'text',
          'subject',
          'password',
          'token',
        ],
        censor: '[redacted]',
      },
    },
    destination ?? pino.destination({ dest: 2, sync: false }),
  );
}
export type { Logger };
