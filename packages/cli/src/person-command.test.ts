import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '@pushpull/config';
import { isPushpullError } from '@pushpull/core';
import { UserInbox, userInboxDir } from '@pushpull/service-all-in-one';
import { listAudit, loadOrgRows, openStore, replaceOrgChart } from '@pushpull/store';
import { orgPerson } from '@pushpull/store/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { auditCommand, formatAuditTable, parseSince } from './audit-command';
import { personEraseCommand } from './person-command';

const root = mkdtempSync(join(tmpdir(), 'pushpull-person-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function codeOf(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (err) {
    if (isPushpullError(err)) return err.code;
    throw err;
  }
  return 'no error';
}

describe('pushpull person erase and pushpull audit', () => {
  it('refuses a bad address, an unconfirmed erasure and a served data folder, erasing nothing', async () => {
    const dataDir = join(root, 'refusals');
    const config = parseConfig({ PUSHPULL_DATA_DIR: dataDir });
    const store = await openStore({ dataDir });
    await replaceOrgChart(store.db, [
      orgPerson('boss@acme.io', null),
      orgPerson('lea@acme.io', 'boss@acme.io'),
    ]);
    await store.close();
    const quiet = () => {};

    expect(await codeOf(personEraseCommand('lea', { yes: true }, config, undefined, quiet))).toBe(
      'ERASE_BAD_ADDRESS',
    );
    let asked = '';
    const typedWrong = async (address: string) => {
      asked = address;
      return false;
    };
    expect(await codeOf(personEraseCommand(' Lea@ACME.io ', {}, config, typedWrong, quiet))).toBe(
      'ERASE_NOT_CONFIRMED',
    );
    expect(asked).toBe('lea@acme.io');

    const inbox = new UserInbox(userInboxDir(dataDir));
    inbox.claim();
    try {
      expect(await codeOf(personEraseCommand('lea@acme.io', { yes: true }, config, undefined, quiet))).toBe(
        'ERASE_DATA_DIR_SERVED',
      );
    } finally {
      inbox.release();
    }

    const after = await openStore({ dataDir });
    try {
      expect((await loadOrgRows(after.db)).map((r) => r.email)).toEqual(['boss@acme.io', 'lea@acme.io']);
      expect(await listAudit(after.db)).toEqual([]);
    } finally {
      await after.close();
    }

    // Confirmed by typing the address again: erased, counts printed, the address not.
    const printed: string[] = [];
    expect(
      await personEraseCommand(
        'lea@acme.io',
        {},
        config,
        async () => true,
        (l) => printed.push(l),
      ),
    ).toBe(0);
    expect(printed.join('\n')).toMatch(/deleted: 0 facts, .* 1 org rows/);
    expect(printed.join('\n')).not.toContain('lea@');
    const out: string[] = [];
    await auditCommand({ since: '2000-01-01' }, config, (t) => out.push(t));
    expect(out.join('')).toMatch(
      /^at\s+actor\s+action\s+subject\s+detail\n\S+Z\s+cli\S*\s+person\.erase\s+[0-9a-f]{12}…\s+facts=0 /,
    );
    expect(out.join('')).not.toContain('lea@');
  });

  it('audit: --since takes a date or a time, --format table or json; anything else is a clear error', async () => {
    expect(parseSince('2026-12-01').toISOString()).toBe('2026-12-01T00:00:00.000Z');
    expect(parseSince('2026-12-01T10:30:00Z').toISOString()).toBe('2026-12-01T10:30:00.000Z');
    expect(() => parseSince('yesterday')).toThrow(/--since must be a date/);
    const config = parseConfig({ PUSHPULL_DATA_DIR: join(root, 'audit') });
    expect(await codeOf(auditCommand({ format: 'xml' }, config))).toBe('AUDIT_BAD_FORMAT');
    expect(
      formatAuditTable([
        {
          id: 1,
          at: new Date('2026-12-07T10:00:00Z'),
          actor: 'retention',
          action: 'retention.run',
          subjectHash: null,
          detail: { facts: 3, keepFrom: '2025-12-08' },
        },
      ]),
    ).toBe(
      'at                        actor      action         subject  detail\n' +
        '2026-12-07T10:00:00.000Z  retention  retention.run  -        facts=3 keepFrom=2025-12-08',
    );
  });

  it("audit: lists the dashboard's view rows (dashboard.view) with their route, period and count", () => {
    const row = (id: number, subjectHash: string | null, detail: Record<string, unknown>) => ({
      id,
      at: new Date('2026-12-07T10:00:00Z'),
      actor: 'dashboard:root',
      action: 'dashboard.view',
      subjectHash,
      detail,
    });
    expect(
      formatAuditTable([
        row(1, 'ab'.repeat(32), { route: '/api/leaders/:personId', period: '2026-Q3', people: 1 }),
        row(2, null, { route: '/api/leaders', period: null, people: 14 }),
      ]),
    ).toBe(
      'at                        actor           action          subject        detail\n' +
        '2026-12-07T10:00:00.000Z  dashboard:root  dashboard.view  abababababab…  route=/api/leaders/:personId period=2026-Q3 people=1\n' +
        '2026-12-07T10:00:00.000Z  dashboard:root  dashboard.view  -              route=/api/leaders period=null people=14',
    );
  });
});
