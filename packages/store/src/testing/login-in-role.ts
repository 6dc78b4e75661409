import pg from 'pg';

/**
 * Test helper: what an admin does for a reader of the analytics views (docs/analytics.md) — creates
 * `login` with `password` as a member of `role`, lets it into the database at `databaseUrl` (since
 * migration 0006 nobody else may connect), and returns a client connected as it. `run` executes one
 * statement as an admin of that database. Dropping the login is the caller's.
 *
 * @example const analyst = await loginInRole((s) => admin.query(s), db.url, login, password, ANALYST_ROLE);
 */
export async function loginInRole(
  run: (statement: string) => Promise<unknown>,
  databaseUrl: string,
  login: string,
  password: string,
  role: string,
): Promise<pg.Client> {
  await run(`create role ${login} login password '${password}' in role ${role}`);
  const url = new URL(databaseUrl);
  await run(`grant connect on database "${url.pathname.slice(1)}" to ${login}`);
  url.username = login;
  url.password = password;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  return client;
}
