/**
 * A small RFC 4180 CSV reader for grid files (≤ a few MB): quoted fields, doubled quotes inside them,
 * separators and line breaks inside quotes, CRLF or LF, a leading BOM. Each record keeps the line
 * number it starts on, for error messages.
 */
import { GreenopsError } from '../../core/errors.js';

export interface CsvRecord {
  /** 1-based line of the file where the record starts. */
  readonly line: number;
  readonly fields: readonly string[];
}

/**
 * Records of a CSV text, blank lines skipped. Throws `E_INPUT_VALUE` for an unterminated quote or a
 * quote in the middle of an unquoted field.
 *
 * @example parseCsv('a,b\n"x, y",2\n', 'f.csv') // [{ line: 1, fields: ['a', 'b'] }, { line: 2, fields: ['x, y', '2'] }]
 */
export function parseCsv(text: string, file: string): CsvRecord[] {
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  let wasQuoted = false;
  const endField = (): void => {
    fields.push(field);
    field = '';
    wasQuoted = false;
  };
  const endRecord = (): void => {
    const blank = fields.length === 0 && field === '' && !wasQuoted;
    endField();
    if (!blank) records.push({ line: recordLine, fields });
    fields = [];
  };
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
    } else if (c === '"') {
      if (field !== '' || wasQuoted) throw bad(file, line, 'a quote only at the start of a field');
      quoted = true;
      wasQuoted = true;
    } else if (c === ',') {
      endField();
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && s[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      if (wasQuoted) throw bad(file, line, 'a separator or line end after a closing quote');
      field += c;
    }
  }
  if (quoted) throw bad(file, recordLine, 'a closing quote before the end of the file');
  if (field !== '' || fields.length > 0 || wasQuoted) endRecord();
  return records;
}

function bad(file: string, line: number, expected: string): GreenopsError {
  return new GreenopsError('E_INPUT_VALUE', `${file}:${line}: malformed CSV: expected ${expected}`, {
    data: { file, row: line, expected },
  });
}
