/**
 * A Postgres URL safe to print: `postgres://user@host:port/db`, without password or query string.
 * An unparseable URL becomes `<unparseable database url>` (it may hold a secret in any position).
 *
 * @example redactDatabaseUrl('postgres://app:s3cret@db:5432/pushpull?sslmode=require') // 'postgres://app@db:5432/pushpull'
 */
export function redactDatabaseUrl(databaseUrl: string): string {
  let url: URL;
  try {
    url = new URL(databaseUrl);
  } catch {
    return '<unparseable database url>';
  }
  const user = url.username ? `${decodeURIComponent(url.username)}@` : '';
  return `${url.protocol}//${user}${url.host}${url.pathname}`;
}

/** The password of a URL (decoded), or null; used to scrub it from any text before printing. */
export function passwordOf(databaseUrl: string): string | null {
  try {
    const password = new URL(databaseUrl).password;
    return password ? decodeURIComponent(password) : null;
  } catch {
    return null;
  }
}
