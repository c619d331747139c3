import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { scratchDir } from '../../../test/helpers/focus.js';
import { LineCounter, sha256File } from './digest.js';

/** A counter fed `text` in chunks cut at every position in `cuts`. */
function feed(text: string, cuts: readonly number[] = []): LineCounter {
  const counter = new LineCounter();
  const bytes = Buffer.from(text, 'latin1');
  let from = 0;
  for (const cut of [...cuts, bytes.length]) {
    counter.add(bytes.subarray(from, cut));
    from = cut;
  }
  return counter;
}

function count(text: string, cuts: readonly number[] = []): { lines: number; blank: number } {
  const counter = feed(text, cuts);
  return { lines: counter.lines, blank: counter.blankLines };
}

describe('LineCounter', () => {
  it('counts lines, a last one without a break, and empty ones, LF or CRLF', () => {
    expect(count('h\na\nb\n')).toEqual({ lines: 3, blank: 0 });
    expect(count('h\na\nb')).toEqual({ lines: 3, blank: 0 });
    expect(count('h\n\na\n\n')).toEqual({ lines: 4, blank: 2 });
    expect(count('h\r\n\r\na\r\n')).toEqual({ lines: 3, blank: 1 });
    expect(count('h\ra\rb\r')).toEqual({ lines: 3, blank: 0 });
    expect(count('')).toEqual({ lines: 0, blank: 0 });
  });

  it('counts a CR alone as a line break too, and says when line breaks are of more than one kind', () => {
    const mixed = (text: string, cuts: readonly number[] = []): boolean => feed(text, cuts).mixed;
    expect(count('h\ra\r"x\ny"\r')).toEqual({ lines: 4, blank: 0 });
    // in an LF text, a CR alone is a character of its line
    expect(count('h\na\rb\nc\n')).toEqual({ lines: 3, blank: 0 });
    expect([mixed('h\na\n'), mixed('h\r\na\r\n'), mixed('h\ra\r')]).toEqual([false, false, false]);
    expect([mixed('h\r\na\nb\n'), mixed('h\ra\nb'), mixed('h\r\na\rb\r\n')]).toEqual([true, true, true]);
    // a CRLF cut between chunks is one CRLF
    expect(mixed('h\r\na\r\n', [1, 2, 5])).toBe(false);
  });

  it('gives the same counts whatever the chunks, a CRLF cut in two included', () => {
    const text = 'header\r\nrow one\r\n\r\nrow two\nx\n\n';
    const whole = count(text);
    for (let cut = 1; cut < text.length; cut++) expect(count(text, [cut]), `cut at ${cut}`).toEqual(whole);
    expect(whole).toEqual({ lines: 6, blank: 2 });
  });
});

describe('sha256File', () => {
  it('identifies a gzipped file by the content it inflates to, and by its own bytes', async () => {
    const dir = scratchDir();
    const csv = join(dir, 'a.csv');
    writeFileSync(csv, 'h\n1\n\n2\n');
    const gz = join(dir, 'a.csv.gz');
    writeFileSync(gz, gzipSync(readFileSync(csv)));
    const plain = await sha256File(csv, true);
    const packed = await sha256File(gz, true);
    expect(packed.sha256).toBe(plain.sha256);
    expect(packed.rawSha256).toBe(createHash('sha256').update(readFileSync(gz)).digest('hex'));
    expect([packed.lines, packed.blankLines]).toEqual([4, 1]);
    expect(plain.rawSha256).toBeUndefined();
  });
});
