import { describe, expect, it } from 'vitest';
import { readCsv } from './read-csv';

const fieldsOf = (text: string) => readCsv(text).records.map((r) => r.fields);

describe('readCsv', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks', () => {
    expect(fieldsOf('a,b,c\n"x, y","say ""hi""","two\nlines"\n')).toEqual([
      ['a', 'b', 'c'],
      ['x, y', 'say "hi"', 'two\nlines'],
    ]);
  });

  it('accepts CRLF, a BOM, no trailing newline and empty fields', () => {
    expect(fieldsOf('\uFEFFa,b\r\n1,\r\n,2')).toEqual([
      ['a', 'b'],
      ['1', ''],
      ['', '2'],
    ]);
  });

  it('numbers records by the file line they start on, counting breaks inside quotes', () => {
    const { records } = readCsv('h\r\n"a\r\nb"\n\nc\n');
    expect(records.map((r) => [r.line, r.fields[0]])).toEqual([
      [1, 'h'],
      [2, 'a\r\nb'],
      [5, 'c'],
    ]);
  });

  it('keeps a trailing comma as an empty last field', () => {
    expect(fieldsOf('a,b,\n')).toEqual([['a', 'b', '']]);
  });

  it('reports structural problems with their line and keeps reading', () => {
    const { records, problems } = readCsv('a,b\nx"y,z\n"ok"junk,1\n"open,2\n');
    expect(problems).toEqual([
      { line: 2, message: 'a double quote in a field that is not quoted' },
      { line: 3, message: 'unexpected text after a closing quote' },
      { line: 4, message: 'a quoted field is never closed' },
    ]);
    expect(records).toHaveLength(4);
  });
});
