import type { ActivityLineCode } from './read-activity-lines';

/** Rejected lines printed one by one before the rest are only counted. */
export const MAX_PRINTED_REJECTIONS = 100;
/** Line numbers a summary names before `…`. */
const NAMED_IN_SUMMARY = 5;

/**
 * The rejected lines of one command run: each is printed on stderr as
 * `pushpull CMD: INPUT: line N: reason [CODE]` (the first {@link MAX_PRINTED_REJECTIONS}; the rest
 * are counted), and the run ends with a summary naming how many and where.
 *
 * @example
 * const rejected = new LineRejections('pushpull ingest', 'events.jsonl', (s) => process.stderr.write(s));
 * rejected.add(101, 'JSON_TOO_DEEP', 'nested 10001 levels deep, over the limit of 64');
 * rejected.summary(); // '1 line rejected (line 101)'
 */
export class LineRejections {
  private readonly lines: number[] = [];
  private readonly conflicts: { line: number; firstLine: number }[] = [];
  private readonly byCode = new Map<ActivityLineCode, number>();

  constructor(
    private readonly prefix: string,
    private readonly input: string,
    private readonly write: (text: string) => void,
  ) {}

  /** How many lines were rejected. */
  get count(): number {
    return this.lines.length;
  }

  /** How many lines re-used an earlier line's id with different content. */
  get conflictCount(): number {
    return this.conflicts.length;
  }

  /** Records and prints one rejected line; `firstLine` for an id conflict. */
  add(line: number, code: ActivityLineCode, reason: string, firstLine?: number): void {
    this.lines.push(line);
    this.byCode.set(code, (this.byCode.get(code) ?? 0) + 1);
    if (code === 'EVENT_ID_CONFLICT' && firstLine !== undefined) this.conflicts.push({ line, firstLine });
    if (this.lines.length <= MAX_PRINTED_REJECTIONS) {
      this.write(`${this.prefix}: ${this.input}: line ${line}: ${reason} [${code}]\n`);
    } else if (this.lines.length === MAX_PRINTED_REJECTIONS + 1) {
      this.write(`${this.prefix}: ${this.input}: more rejected lines follow, counted in the summary only\n`);
    }
  }

  /**
   * `N lines rejected (lines a, b, …; by code)`, or `0 lines rejected`.
   *
   * @example '2 lines rejected (lines 101, 205: 1 JSON_TOO_DEEP, 1 EVENT_ID_CONFLICT)'
   */
  summary(): string {
    const n = this.lines.length;
    const noun = n === 1 ? 'line' : 'lines';
    if (n === 0) return '0 lines rejected';
    const named = this.lines.slice(0, NAMED_IN_SUMMARY).join(', ') + (n > NAMED_IN_SUMMARY ? ', …' : '');
    const codes = [...this.byCode].map(([code, count]) => `${count} ${code}`).join(', ');
    return `${n} ${noun} rejected (${noun} ${named}: ${codes})`;
  }

  /**
   * One line on the events that re-used an earlier id with different content, or null when none did.
   *
   * @example '2 events re-use an earlier id with different content: line 205 (id of line 4), line 300 (id of line 10)'
   */
  conflictSummary(): string | null {
    const n = this.conflicts.length;
    if (n === 0) return null;
    const named = this.conflicts
      .slice(0, NAMED_IN_SUMMARY)
      .map((c) => `line ${c.line} (id of line ${c.firstLine})`)
      .join(', ');
    const more = n > NAMED_IN_SUMMARY ? ', …' : '';
    return `${n} ${n === 1 ? 'event re-uses' : 'events re-use'} an earlier id with different content: ${named}${more}`;
  }
}
