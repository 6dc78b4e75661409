import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openStore } from '@pushpull/store';
import { describe, expect, it } from 'vitest';
import { storeCursorStore } from './store-cursor-store';

describe('storeCursorStore', () => {
  it('gets and replaces cursors per source and scope', async () => {
    const store = await openStore({ dataDir: mkdtempSync(path.join(tmpdir(), 'cursors-')) });
    try {
      const github = storeCursorStore(store.db, 'github');
      const slack = storeCursorStore(store.db, 'slack');
      expect(await github.get('a/b')).toBeNull();
      await github.set('a/b', '{"v":1}');
      await github.set('a/b', '{"v":2}');
      await slack.set('a/b', 'other');
      expect(await github.get('a/b')).toBe('{"v":2}');
      expect(await slack.get('a/b')).toBe('other');
    } finally {
      await store.close();
    }
  });
});
