import { describe, expect, it } from 'vitest';
import { isConnectionError } from './connection-error';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('isConnectionError', () => {
  it('knows a dropped, refused or shutting-down connection, also as the cause of another error', () => {
    expect(isConnectionError(withCode('read ECONNRESET', 'ECONNRESET'))).toBe(true);
    expect(isConnectionError(withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'))).toBe(true);
    expect(isConnectionError(withCode('terminating connection due to administrator command', '57P01'))).toBe(
      true,
    );
    expect(isConnectionError(withCode('the database system is starting up', '57P03'))).toBe(true);
    expect(isConnectionError(withCode('connection failure', '08006'))).toBe(true);
    expect(isConnectionError(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isConnectionError(new Error('batch failed', { cause: withCode('write EPIPE', 'EPIPE') }))).toBe(
      true,
    );
  });

  it('leaves errors of the work itself alone', () => {
    expect(isConnectionError(withCode('duplicate key value violates unique constraint', '23505'))).toBe(
      false,
    );
    expect(isConnectionError(withCode('relation "x" does not exist', '42P01'))).toBe(false);
    expect(isConnectionError(new Error('bad ActivityEvent'))).toBe(false);
    expect(isConnectionError('ECONNRESET')).toBe(false);
    expect(isConnectionError(undefined)).toBe(false);
  });
});
