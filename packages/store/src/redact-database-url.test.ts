import { describe, expect, it } from 'vitest';
import { passwordOf, redactDatabaseUrl } from './redact-database-url';

describe('redactDatabaseUrl', () => {
  it('keeps user, host, port and database; drops password and query', () => {
    expect(
      redactDatabaseUrl('postgres://app:s3cret@db.internal:6543/pushpull?password=x&sslmode=require'),
    ).toBe('postgres://app@db.internal:6543/pushpull');
    expect(redactDatabaseUrl('postgresql://db/pushpull')).toBe('postgresql://db/pushpull');
  });

  it('hides a URL it cannot parse entirely', () => {
    expect(redactDatabaseUrl('not a url :secret@')).toBe('<unparseable database url>');
  });

  it('finds the decoded password, to scrub it from error text', () => {
    expect(passwordOf('postgres://u:p%40ss@h/d')).toBe('p@ss');
    expect(passwordOf('postgres://u@h/d')).toBeNull();
  });
});
