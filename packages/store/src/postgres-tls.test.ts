import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConnectionOptions } from 'node:tls';
import { isPushpullError } from '@pushpull/core';
import { afterAll, describe, expect, it } from 'vitest';
import { postgresTls } from './postgres-tls';

const dir = mkdtempSync(join(tmpdir(), 'pushpull-pgtls-'));
const ca = join(dir, 'root.crt');
writeFileSync(ca, 'PEM OF A CA');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const base = 'postgres://app:s3cret@db.internal:5432/pushpull';

describe('postgresTls', () => {
  it('leaves a URL without TLS parameters to pg as it is', () => {
    expect(postgresTls(base)).toEqual({
      connectionString: base,
      ssl: undefined,
      fallBackToPlain: false,
      sslmode: null,
    });
  });

  it('takes the TLS parameters out of the URL pg sees, keeping the others', () => {
    const tls = postgresTls(`${base}?sslmode=require&application_name=x&sslrootcert=${ca}`);
    expect(tls.connectionString).toBe(`${base}?application_name=x`);
  });

  it('gives sslmode its libpq meaning', () => {
    expect(postgresTls(`${base}?sslmode=disable`).ssl).toBe(false);
    expect(postgresTls(`${base}?sslmode=allow`).ssl).toBe(false);
    expect(postgresTls(`${base}?sslmode=prefer`)).toMatchObject({
      ssl: { rejectUnauthorized: false },
      fallBackToPlain: true,
    });
    expect(postgresTls(`${base}?sslmode=require`).ssl).toEqual({ rejectUnauthorized: false });
    const requireWithCa = postgresTls(`${base}?sslmode=require&sslrootcert=${ca}`).ssl;
    expect(requireWithCa).toMatchObject({ ca: 'PEM OF A CA' });
    expect(requireWithCa && typeof requireWithCa.checkServerIdentity).toBe('function');
    const verifyCa = postgresTls(`${base}?sslmode=verify-ca&sslrootcert=${ca}`).ssl as ConnectionOptions;
    expect(verifyCa.rejectUnauthorized).not.toBe(false);
    expect(verifyCa.checkServerIdentity?.('db.internal', {} as never)).toBeUndefined();
    expect(postgresTls(`${base}?sslmode=verify-full&sslrootcert=${ca}`).ssl).toEqual({ ca: 'PEM OF A CA' });
    expect(postgresTls(`${base}?sslmode=verify-full`).ssl).toEqual({});
    expect(postgresTls(`${base}?sslmode=verify-full&sslrootcert=system`).ssl).toEqual({});
    expect(postgresTls(`${base}?ssl=true`).ssl).toEqual({});
    expect(postgresTls(`${base}?sslmode=no-verify`).ssl).toEqual({ rejectUnauthorized: false });
  });

  it('refuses verify-ca without a CA, and names an unreadable file, never the password', () => {
    const codeOf = (url: string) => {
      try {
        postgresTls(url);
      } catch (err) {
        expect(isPushpullError(err, 'STORE_TLS_CONFIG')).toBe(true);
        expect((err as Error).message).not.toContain('s3cret');
        return (err as Error).message;
      }
      throw new Error('expected STORE_TLS_CONFIG');
    };
    expect(codeOf(`${base}?sslmode=verify-ca`)).toMatch(/sslmode=verify-ca needs sslrootcert/);
    expect(codeOf(`${base}?sslmode=require&sslrootcert=${join(dir, 'none.crt')}`)).toMatch(
      /cannot read sslrootcert=.*none\.crt \(ENOENT\)/,
    );
    expect(codeOf(`${base}?sslmode=required`)).toMatch(/unknown sslmode=required/);
  });
});
