import { isPushpullError } from '@pushpull/core';
import { describe, expect, it } from 'vitest';
import { openStore } from './open-store';

describe('openStore', () => {
  it('fails fast with STORE_UNREACHABLE and never shows the password', async () => {
    // No retry loop: the test's own timeout is the bound, no wall-clock figure is asserted.
    const err = await openStore({
      databaseUrl: 'postgres://u:secret@127.0.0.1:1/x',
      dataDir: '/nonexistent',
    }).catch((e: unknown) => e);
    expect(isPushpullError(err, 'STORE_UNREACHABLE')).toBe(true);
    const message = (err as Error).message;
    expect(message).toMatch(/^cannot reach Postgres at DATABASE_URL=postgres:\/\/u@127\.0\.0\.1:1\/x: .+/);
    expect(message).not.toContain('secret');
    expect(JSON.stringify((err as { context: unknown }).context)).not.toContain('secret');
  });
});
