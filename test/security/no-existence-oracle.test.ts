import { describe, expect, it } from 'vitest';
import { basic, securitySuite } from './dashboard-fixture';

// Finding 16 of issue 14: 404 for "no such person" beside 403 for "not yours" told a leader or analyst
// whether someone is in the org chart.

describe('refusals do not tell whether a person or team exists', () => {
  const suite = securitySuite([
    { username: 'lea', password: 'leader-password', role: 'leader', personEmail: 'lead@acme.example' },
    { username: 'ana', password: 'analyst-password', role: 'analyst' },
    { username: 'root', password: 'admin-password', role: 'admin' },
  ]);

  const answer = async (path: string, headers: Record<string, string>) => {
    const res = await suite.app.request(path, { headers });
    return { status: res.status, body: await res.text() };
  };

  it("a leader gets the same 403 for another person's page and for someone who does not exist", async () => {
    const lea = basic('lea', 'leader-password');
    const someoneElse = await answer('/api/leaders/p:ceo@acme.example', lea);
    const nobody = await answer('/api/leaders/p:nobody@acme.example', lea);
    expect(someoneElse.status).toBe(403);
    expect(nobody).toEqual(someoneElse);
    const otherTeam = await answer('/api/teams/p:solo@acme.example', lea);
    const noTeam = await answer('/api/teams/p:nobody@acme.example', lea);
    expect(otherTeam.status).toBe(403);
    expect(noTeam).toEqual(otherTeam);
  });

  it('an analyst gets the same 403 for a small team, a person and someone who does not exist', async () => {
    const ana = basic('ana', 'analyst-password');
    const small = await answer('/api/teams/p:solo@acme.example', ana);
    const notALeader = await answer('/api/teams/p:dev1@acme.example', ana);
    const nobody = await answer('/api/teams/p:nobody@acme.example', ana);
    expect(small.status).toBe(403);
    expect(notALeader).toEqual(small);
    expect(nobody).toEqual(small);
    const page = await answer('/api/leaders/p:lead@acme.example', ana);
    expect(page.status).toBe(403);
    expect(await answer('/api/leaders/p:nobody@acme.example', ana)).toEqual(page);
  });

  it('admins, who may see everyone, still learn that a person does not exist', async () => {
    expect((await answer('/api/leaders/p:nobody@acme.example', basic('root', 'admin-password'))).status).toBe(
      404,
    );
  });
});
