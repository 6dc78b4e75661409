import type { Identity } from '@pushpull/core';
import type { OrgRow } from '@pushpull/org';
import type { EvalSource } from './eval-item';

/**
 * Turns the person names of the development set into the identities each source would carry: an
 * email on email, a Slack id in chat, a GitHub login on GitHub. A name is the local part of an org
 * email or (on GitHub) a login; `ext:x` is an outsider (`x` is their email or login); `list:x` is a
 * distribution list.
 *
 * @example new EvalDirectory(rows).identity('tom', 'chat') // { slackId: 'UTOM' }
 */
export class EvalDirectory {
  private readonly byKey = new Map<string, OrgRow>();
  private readonly byLogin = new Map<string, OrgRow>();

  constructor(rows: readonly OrgRow[]) {
    for (const row of rows) {
      this.byKey.set(row.email.split('@')[0]!.toLowerCase(), row);
      if (row.githubLogin) this.byLogin.set(row.githubLogin.toLowerCase(), row);
    }
  }

  /** The identity of `name` as `source` shows it. Throws for an unknown org name. */
  identity(name: string, source: EvalSource): Identity {
    if (name.startsWith('ext:')) {
      const who = name.slice(4);
      if (source === 'github') return { githubLogin: who };
      if (source === 'chat') return { slackId: `UEXT${who.replace(/\W/g, '').toUpperCase()}` };
      return { email: who.includes('@') ? who : `${who}@outside.example` };
    }
    if (name.startsWith('list:')) return { email: `${name.slice(5)}@lists.acme.example` };
    const row = this.byKey.get(name.toLowerCase()) ?? this.byLogin.get(name.toLowerCase());
    if (!row) throw new Error(`unknown person ${name}`);
    if (source === 'github') return { githubLogin: row.githubLogin ?? name };
    if (source === 'chat') return { slackId: row.slackId ?? `U${name.toUpperCase()}` };
    return { email: row.email };
  }
}
