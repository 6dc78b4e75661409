import { describe, expect, it } from 'vitest';
import { LineRejections, MAX_PRINTED_REJECTIONS } from './line-rejections';

describe('LineRejections', () => {
  it('prints each rejected line with its code, then only counts past the cap', () => {
    const printed: string[] = [];
    const r = new LineRejections('pushpull ingest', 'e.jsonl', (s) => printed.push(s));
    expect(r.summary()).toBe('0 lines rejected');
    r.add(3, 'JSON_TOO_DEEP', 'nested 70 levels deep, over the limit of 64');
    expect(printed).toEqual([
      'pushpull ingest: e.jsonl: line 3: nested 70 levels deep, over the limit of 64 [JSON_TOO_DEEP]\n',
    ]);
    expect(r.summary()).toBe('1 line rejected (line 3: 1 JSON_TOO_DEEP)');
    for (let line = 10; line < 10 + MAX_PRINTED_REJECTIONS + 5; line++)
      r.add(line, 'JSON_INVALID', 'not valid JSON');
    expect(printed).toHaveLength(MAX_PRINTED_REJECTIONS + 1);
    expect(printed.at(-1)).toBe(
      'pushpull ingest: e.jsonl: more rejected lines follow, counted in the summary only\n',
    );
    expect(r.count).toBe(MAX_PRINTED_REJECTIONS + 6);
    expect(r.summary()).toBe(
      `${MAX_PRINTED_REJECTIONS + 6} lines rejected (lines 3, 10, 11, 12, 13, …: 1 JSON_TOO_DEEP, ${MAX_PRINTED_REJECTIONS + 5} JSON_INVALID)`,
    );
  });

  it('names the lines that re-used an id and the lines whose id they took', () => {
    const r = new LineRejections('pushpull classify', 'stdin', () => {});
    expect(r.conflictSummary()).toBeNull();
    r.add(9, 'EVENT_ID_CONFLICT', 'id …', 2);
    r.add(12, 'EVENT_ID_CONFLICT', 'id …', 5);
    expect(r.conflictCount).toBe(2);
    expect(r.conflictSummary()).toBe(
      '2 events re-use an earlier id with different content: line 9 (id of line 2), line 12 (id of line 5)',
    );
  });
});
