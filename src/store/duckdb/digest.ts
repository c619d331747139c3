import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import { GreenopsError } from '../../core/errors.js';

const LF = 10;
const CR = 13;

/**
 * Lines of a text, counted chunk by chunk: its line breaks (LF, CRLF, or in a text that mostly ends
 * lines so, a CR alone: old Mac line ends), one more for a last line without a break, how many lines are empty (a CSV read skips them),
 * and whether more than one kind of break occurs (a read that expects one kind may take the others
 * inside lines). Cheap: `indexOf` finds each break at memchr speed.
 */
export class LineCounter {
  private lf = 0;
  private crlf = 0;
  private cr = 0;
  private blank = 0;
  /** Bytes of the current line seen in earlier chunks. */
  private pending = 0;
  private last = -1;

  add(chunk: Buffer): void {
    if (chunk.length === 0) return;
    let from = 0;
    for (let i = chunk.indexOf(LF); i !== -1; i = chunk.indexOf(LF, i + 1)) {
      this.lf++;
      const afterCr = (i > 0 ? chunk[i - 1] : this.last) === CR;
      if (afterCr) this.crlf++;
      let length = this.pending + (i - from);
      // a CRLF line's CR is part of its break, not of its text
      if (length > 0 && afterCr) length--;
      if (length === 0) this.blank++;
      this.pending = 0;
      from = i + 1;
    }
    this.pending += chunk.length - from;
    for (let i = chunk.indexOf(CR); i !== -1; i = chunk.indexOf(CR, i + 1)) this.cr++;
    this.last = chunk[chunk.length - 1] ?? -1;
  }

  /**
   * Lines of text: its breaks, and one more for a last line without one. A CR alone breaks a line in
   * a text that mostly ends lines that way; in one that ends them in LF or CRLF it is a character of
   * its line (a read that splits there makes more records than lines).
   */
  get lines(): number {
    const breaks = this.lf + (this.crOnly > this.lf ? this.crOnly : 0);
    return breaks + (this.last === -1 || this.last === LF || this.last === CR ? 0 : 1);
  }

  /** Lines with nothing on them (counted where lines end in LF or CRLF). */
  get blankLines(): number {
    return this.blank;
  }

  /** Whether the text has more than one kind of line break (LF, CRLF, a CR alone). */
  get mixed(): boolean {
    return [this.lf - this.crlf, this.crlf, this.crOnly].filter((n) => n > 0).length > 1;
  }

  /** CRs not followed by an LF (a CR ending the text so far counts until an LF comes). */
  private get crOnly(): number {
    return this.cr - this.crlf;
  }
}

/** Whether a path names a gzipped file (DuckDB inflates it by its suffix too). */
export function isGzip(path: string): boolean {
  return /\.gz$/i.test(path);
}

export interface FileDigest {
  /** SHA-256 of the content: the file's bytes, or what a gzipped file inflates to. */
  readonly sha256: string;
  /** For a gzipped file, SHA-256 of its compressed bytes (how earlier versions identified it). */
  readonly rawSha256?: string;
  /** Lines of the (inflated) text, when asked for: to check a CSV read against. */
  readonly lines?: number;
  /** Of those, lines with nothing on them. */
  readonly blankLines?: number;
  /** Whether its lines end in more than one way (LF, CRLF, CR). */
  readonly mixedLineEnds?: boolean;
}

/**
 * SHA-256 of the file's content, in one streaming pass: its bytes, or for a gzipped file the bytes it
 * inflates to (the same export compressed or not is the same content). Inflating also checks a gzip
 * file's integrity: DuckDB reads a truncated gzip up to the cut without complaint, so it is checked
 * here, before anything is stored. With `countLines`, the text's lines are counted on the way.
 */
export async function sha256File(path: string, countLines = false): Promise<FileDigest> {
  const hash = createHash('sha256');
  const gzip = isGzip(path);
  const raw = gzip ? createHash('sha256') : undefined;
  const inflate = gzip ? createGunzip() : undefined;
  const counter = countLines ? new LineCounter() : undefined;
  const inflated = inflate
    ? new Promise<void>((resolveDone, reject) => {
        inflate.on('data', (data: Buffer) => {
          hash.update(data);
          counter?.add(data);
        });
        inflate.on('end', resolveDone);
        inflate.on('error', reject);
      })
    : Promise.resolve();
  inflated.catch(() => undefined);
  // One buffer, reused: the file is read while DuckDB works, and should not add to the peak memory.
  const buffer = Buffer.allocUnsafe(1 << 20);
  const file = await open(path, 'r');
  try {
    for (;;) {
      const { bytesRead } = await file.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      const chunk = buffer.subarray(0, bytesRead);
      // the chunk is consumed before the buffer is read into again
      if (inflate) {
        raw?.update(chunk);
        await new Promise<void>((done) => inflate.write(chunk, () => done()));
      } else {
        hash.update(chunk);
        counter?.add(chunk);
      }
    }
  } finally {
    await file.close();
  }
  inflate?.end();
  try {
    await inflated;
  } catch (e) {
    throw new GreenopsError('E_INPUT_FILE_UNREADABLE', `${path}: cannot be read: the gzip stream is corrupt or truncated (${(e as Error).message})`, { cause: e, data: { file: path, expected: 'a complete gzip file' } });
  }
  return {
    sha256: hash.digest('hex'),
    ...(raw ? { rawSha256: raw.digest('hex') } : {}),
    ...(counter ? { lines: counter.lines, blankLines: counter.blankLines, mixedLineEnds: counter.mixed } : {}),
  };
}
