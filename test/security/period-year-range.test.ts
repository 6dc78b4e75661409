import { describe, expect, it } from 'vitest';
import { basic, securitySuite } from './dashboard-fixture';

// Finding 17 of issue 14: `period=0000-01` reached the database as the date 0000-01-01 and was answered 500.

describe('period years out of range', () => {
  const suite = securitySuite([{ username: 'root', password: 'admin-password', role: 'admin' }]);

  for (const period of ['0000-01', '0000-Q1', '1969-12', '9999-Q4']) {
    it(`answers period=${period} with 400 naming the accepted years`, async () => {
      for (const path of [
        '/api/leaders',
        '/api/overview',
        '/api/teams',
        '/api/leaders/p:lead@acme.example',
      ]) {
        const res = await suite.app.request(`${path}?period=${period}`, {
          headers: basic('root', 'admin-password'),
        });
        expect(res.status).toBe(400);
        expect(((await res.json()) as { error: string }).error).toMatch(/year must be from 1970 to 2999/);
      }
    });
  }
});
