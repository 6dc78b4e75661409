import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleEvent } from '../testing/test-sync-context';
import { jsonlFileSink } from './jsonl-file-sink';

const event = sampleEvent;

function lines(file: string): string[] {
  return readFileSync(file, 'utf8').split('\n').filter(Boolean);
}

describe('jsonlFileSink', () => {
  it('appends events as JSON lines, creating folders, once per id', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'sink-')), 'deep', 'events.jsonl');
    const sink = jsonlFileSink(file);
    await sink.write([event(1), event(2), event(1)]);
    await sink.write([event(2), event(3)]);
    await sink.close();
    expect(lines(file).map((l) => JSON.parse(l).id)).toEqual([event(1).id, event(2).id, event(3).id]);
  });

  it('skips ids already in the file when reopened (a restarted --out sync)', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'sink-')), 'events.jsonl');
    writeFileSync(file, `${JSON.stringify(event(1))}\n${JSON.stringify(event(2))}\n`);
    const sink = jsonlFileSink(file);
    await sink.write([event(2), event(3)]);
    await sink.close();
    expect(lines(file).map((l) => JSON.parse(l).id)).toEqual([event(1).id, event(2).id, event(3).id]);
  });

  it('cuts off a torn last line left by a crash and writes that event again', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'sink-')), 'events.jsonl');
    writeFileSync(file, `${JSON.stringify(event(1))}\n`);
    appendFileSync(file, JSON.stringify(event(2)).slice(0, 25));
    const sink = jsonlFileSink(file);
    await sink.write([event(2)]);
    await sink.close();
    const ids = lines(file).map((l) => JSON.parse(l).id);
    expect(ids).toEqual([event(1).id, event(2).id]);
  });

  it('refuses writes after close', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'sink-')), 'events.jsonl');
    const sink = jsonlFileSink(file);
    await sink.close();
    await expect(sink.write([event(1)])).rejects.toMatchObject({ code: 'SINK_CLOSED' });
  });
});
