/** One record of a CSV text: its fields and the file line it starts on (1-based). */
export interface CsvRecord {
  line: number;
  fields: string[];
  /** Per field: whether it was written in double quotes. */
  quoted: boolean[];
}

/** A structural problem of a CSV text (an unterminated quote, a stray quote). */
export interface CsvProblem {
  line: number;
  message: string;
}

/** What {@link readCsv} found: every record, and every structural problem. */
export interface CsvReadResult {
  records: CsvRecord[];
  problems: CsvProblem[];
}

const QUOTE = 34; // "
const COMMA = 44; // ,
const LF = 10;
const CR = 13;

/**
 * Reads CSV text per RFC 4180: fields separated by commas, records by CRLF, LF or CR; fields may be
 * double-quoted, and then hold commas, line breaks and doubled quotes (`""` = one `"`). A leading
 * byte-order mark is ignored, a trailing line break ends the last record, and blank lines are
 * skipped. It never throws: structural problems are returned with the line they occur on, and the
 * reader carries on so that every problem of a file can be reported at once.
 *
 * @example
 * readCsv('a,b\r\n"x, y","say ""hi"""\n').records.map((r) => r.fields);
 * // [['a', 'b'], ['x, y', 'say "hi"']]
 */
export function readCsv(text: string): CsvReadResult {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  const problems: CsvProblem[] = [];
  const n = src.length;
  let i = 0;
  let line = 1;

  while (i < n) {
    const recordLine = line;
    const fields: string[] = [];
    const quoted: boolean[] = [];
    let endOfRecord = false;
    while (!endOfRecord) {
      let value = '';
      let wasQuoted = false;
      if (i < n && src.charCodeAt(i) === QUOTE) {
        wasQuoted = true;
        const openLine = line;
        i++;
        let closed = false;
        while (i < n) {
          const c = src.charCodeAt(i);
          if (c === QUOTE) {
            if (src.charCodeAt(i + 1) === QUOTE) {
              value += '"';
              i += 2;
              continue;
            }
            i++;
            closed = true;
            break;
          }
          if (c === CR) {
            line++;
            if (src.charCodeAt(i + 1) === LF) {
              value += '\r\n';
              i += 2;
              continue;
            }
          } else if (c === LF) {
            line++;
          }
          value += src[i];
          i++;
        }
        if (!closed) {
          problems.push({ line: openLine, message: 'a quoted field is never closed' });
        } else {
          // After a closing quote only a separator or the end of the record may follow.
          const start = i;
          while (i < n && !isSeparator(src.charCodeAt(i))) i++;
          if (i > start) {
            problems.push({ line, message: 'unexpected text after a closing quote' });
            value += src.slice(start, i);
          }
        }
      } else {
        const start = i;
        while (i < n && !isSeparator(src.charCodeAt(i))) i++;
        value = src.slice(start, i);
        if (value.includes('"')) {
          problems.push({ line, message: 'a double quote in a field that is not quoted' });
        }
      }
      fields.push(value);
      quoted.push(wasQuoted);
      if (i >= n) {
        endOfRecord = true;
      } else {
        const c = src.charCodeAt(i);
        if (c === COMMA) {
          i++;
          // A comma at the very end of the text still opens one more (empty) field.
        } else {
          i += c === CR && src.charCodeAt(i + 1) === LF ? 2 : 1;
          line++;
          endOfRecord = true;
        }
      }
    }
    const blank = fields.length === 1 && !quoted[0] && (fields[0] ?? '').trim() === '';
    if (!blank) records.push({ line: recordLine, fields, quoted });
  }
  return { records, problems };
}

function isSeparator(c: number): boolean {
  return c === COMMA || c === LF || c === CR;
}
