import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pushpullIn } from '../support/run-pushpull';

// Finding 15 of issue 14: `classify` and `ingest` echoed fragments of message text in their errors
// (JSON.parse quotes the start of a bad line), so stderr and CI logs carried what people wrote.

const cli = pushpullIn('security-text');
const dir = cli.dir;
afterAll(cli.remove);
const pushpull = cli.run;

const SECRET = 'Merger with Initech closes Friday';
const lines = [
  `${SECRET} (a line of plain text)`,
  `{"id":"e1","text":"${SECRET}" , , }`,
  `{"id":"e2","text":"${SECRET}`,
  `"${SECRET}"}`,
  `{"id":"e3","source":"slack","type":"slack.message.posted","occurredAt":"yesterday","actor":{"email":"a@acme.example"},"text":"${SECRET}"}`,
];

describe('classify and ingest errors name the line and the field, never the text', () => {
  writeFileSync(join(dir, 'org.csv'), 'email,manager_email\na@acme.example,\n');
  writeFileSync(join(dir, 'events.jsonl'), `${lines.join('\n')}\n`);

  for (const args of [
    ['classify', '--org', 'org.csv', '--input', 'events.jsonl'],
    ['ingest', 'events.jsonl'],
  ]) {
    it(`pushpull ${args[0]}`, () => {
      const r = pushpull(args);
      expect(r.code).toBe(1);
      for (const n of [1, 2, 3, 4, 5]) expect(r.stderr).toMatch(new RegExp(`line ${n}: `));
      expect(r.stderr).toMatch(/line 5: not an ActivityEvent: occurredAt/);
      for (const fragment of ['Merger', 'Initech', 'Friday', 'closes'])
        expect(r.stderr).not.toContain(fragment);
    });
  }
});
