import { describe, expect, it } from 'vitest';
import { csvCell, neutraliseCsvFormula, restoreCsvFormula } from './csv-cell';

describe('csvCell', () => {
  it('prefixes a single quote to text a spreadsheet would run as a formula', () => {
    for (const formula of ['=1+1', '+cmd|calc', '-2+3', '@SUM(A1)', '\t=1', '\r=1']) {
      expect(neutraliseCsvFormula(formula)).toBe(`'${formula}`);
      expect(restoreCsvFormula(neutraliseCsvFormula(formula))).toBe(formula);
    }
    expect(csvCell('=HYPERLINK("http://evil.example")')).toBe(`"'=HYPERLINK(""http://evil.example"")"`);
  });

  it('leaves plain text, plain numbers and numbers alone, and quotes as RFC 4180', () => {
    expect(csvCell('Ops, EMEA')).toBe('"Ops, EMEA"');
    expect(csvCell('-0.25')).toBe('-0.25');
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(null)).toBe('');
    expect(csvCell("it's")).toBe("it's");
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(restoreCsvFormula("'quoted")).toBe("'quoted");
  });
});
