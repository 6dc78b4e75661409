import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A self-signed certificate for 127.0.0.1/localhost, valid one day, and where its PEM files are. */
export interface ThrowawayCertificate {
  key: string;
  cert: string;
  /** Path of the certificate PEM: give it to a child process as NODE_EXTRA_CA_CERTS. */
  certPath: string;
  remove(): void;
}

/**
 * Makes a throwaway self-signed certificate with `openssl` (a CA certificate for 127.0.0.1 and
 * localhost), for an HTTPS test double: `@azure/identity` refuses an http authority host, so the
 * Graph double is served over HTTPS and its clients trust this certificate (NODE_EXTRA_CA_CERTS for a
 * spawned process, a `ca` option in process).
 *
 * @example const tls = createThrowawayCertificate(); https.createServer({ key: tls.key, cert: tls.cert });
 */
export function createThrowawayCertificate(): ThrowawayCertificate {
  const dir = mkdtempSync(join(tmpdir(), 'pushpull-graph-tls-'));
  const keyPath = join(dir, 'key.pem');
  const certPath = join(dir, 'cert.pem');
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-sha256',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1,DNS:localhost',
        '-addext',
        'basicConstraints=critical,CA:TRUE',
        '-keyout',
        keyPath,
        '-out',
        certPath,
      ],
      { stdio: 'pipe' },
    );
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(
      `the Graph double needs openssl to make its throwaway HTTPS certificate: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  return {
    key: readFileSync(keyPath, 'utf8'),
    cert: readFileSync(certPath, 'utf8'),
    certPath,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
