import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv.js';

describe('parseCsv', () => {
  it('reads quoted fields with separators, doubled quotes and line breaks, keeping start lines', () => {
    const text = 'a,b,c\n"x, y","say ""hi""",3\n"two\nlines",,5\n';
    expect(parseCsv(text, 'f.csv')).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['x, y', 'say "hi"', '3'] },
      { line: 3, fields: ['two\nlines', '', '5'] },
    ]);
  });

  it('accepts CRLF, a BOM, blank lines and no final newline', () => {
    expect(parseCsv('\ufeffa,b\r\n\r\n1,2\r\n3,4', 'f.csv')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 3, fields: ['1', '2'] },
      { line: 4, fields: ['3', '4'] },
    ]);
  });

  it('keeps an empty quoted field as a record', () => {
    expect(parseCsv('a\n""\n', 'f.csv')).toEqual([{ line: 1, fields: ['a'] }, { line: 2, fields: [''] }]);
  });

  it('names the file and line of an unterminated quote', () => {
    expect(() => parseCsv('a,b\n1,"open\n2,3\n', 'f.csv')).toThrow(/f\.csv:2: malformed CSV: expected a closing quote/);
  });

  it('refuses a quote inside an unquoted field, or text after a closing quote', () => {
    expect(() => parseCsv('a,b\n1,x"y\n', 'f.csv')).toThrow(/f\.csv:2: .*quote only at the start/);
    expect(() => parseCsv('a,b\n1,"x"y\n', 'f.csv')).toThrow(/f\.csv:2: .*after a closing quote/);
  });
});
