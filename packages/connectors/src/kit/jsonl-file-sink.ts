import { createReadStream } from 'node:fs';
import { type FileHandle, mkdir, open, stat, truncate } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { PushpullError } from '@pushpull/core';
import type { EventSink } from './event-sink';

/** The ids of the complete lines of a JSONL file, after cutting off a torn last line (a crash mid-write). */
async function readExistingIds(file: string): Promise<Set<string>> {
  const ids = new Set<string>();
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return ids;
    throw err;
  }
  let complete = 0;
  let offset = 0;
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) {
    const end = offset + Buffer.byteLength(line) + 1;
    offset = end;
    if (end > size) break; // the last line has no newline: torn
    complete = end;
    try {
      const id = (JSON.parse(line) as { id?: unknown }).id;
      if (typeof id === 'string') ids.add(id);
    } catch {
      // not an event line; keep it, it holds no id
    }
  }
  if (complete < size) await truncate(file, complete);
  return ids;
}

/**
 * An EventSink that appends ActivityEvents as JSON lines to `file` (folders created). On open it
 * reads the ids already in the file — and cuts off a torn last line — and never writes those ids
 * again, so a sync killed and restarted with the same `--out` never duplicates a line. `write`
 * resolves after the lines are flushed to disk (fdatasync).
 *
 * @example
 * const sink = jsonlFileSink('./events.jsonl');
 * try { await runSync({ connector, store, sink }); } finally { await sink.close(); }
 */
export function jsonlFileSink(file: string): EventSink {
  let opened: Promise<{ fd: FileHandle; ids: Set<string> }> | null = null;
  let closed = false;
  const openOnce = () => {
    opened ??= (async () => {
      try {
        await mkdir(path.dirname(path.resolve(file)), { recursive: true });
        const ids = await readExistingIds(file);
        return { fd: await open(file, 'a'), ids };
      } catch (cause) {
        throw new PushpullError(
          'SINK_OPEN_FAILED',
          `cannot open ${file} for appending events: ${(cause as Error).message}`,
          { file },
          { cause },
        );
      }
    })();
    return opened;
  };
  return {
    async write(events) {
      if (closed) throw new PushpullError('SINK_CLOSED', `the event file ${file} is closed`, { file });
      const { fd, ids } = await openOnce();
      const fresh = new Map<string, string>();
      for (const e of events) {
        if (!ids.has(e.id) && !fresh.has(e.id)) fresh.set(e.id, `${JSON.stringify(e)}\n`);
      }
      if (fresh.size === 0) return;
      await fd.write([...fresh.values()].join(''));
      await fd.datasync();
      for (const id of fresh.keys()) ids.add(id);
    },
    async close() {
      if (closed) return;
      closed = true;
      if (opened) await (await opened).fd.close();
    },
  };
}
