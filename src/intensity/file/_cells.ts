/**
 * Reading one cell of a grid file, with errors that name the file, line, column and what was expected.
 */
import { GreenopsError, quote } from '../../core/errors.js';
import { parseInstant } from '../time.js';
import type { IntensityKind, IntensitySignal } from '../types.js';

/** One interval read from a file, before it becomes an `IntensityPoint`. */
export interface FileRow {
  readonly line: number;
  readonly zone: string;
  /** Interval start, epoch ms (UTC). */
  readonly start: number;
  /** Absent when the file does not say: inferred from the spacing of the zone's rows. */
  readonly durationMinutes?: number;
  readonly g: number;
  readonly kind: IntensityKind;
  readonly signal: IntensitySignal;
  readonly estimated: boolean;
}

export interface ParsedFile {
  /** What the file was read as, in words, for the series' `source`. */
  readonly description: string;
  readonly rows: readonly FileRow[];
  /** Lines whose value cell was empty: left as gaps, never filled in. */
  readonly emptyLines: readonly number[];
}

/** Where a cell sits, for messages. */
export interface At {
  readonly file: string;
  readonly line: number;
  readonly column: string;
}

export function cellError(at: At, expected: string, found: string): GreenopsError {
  return new GreenopsError('E_INPUT_VALUE', `${at.file}:${at.line}: column ${quote(at.column)}: expected ${expected}, found ${quote(found)}`, {
    data: { file: at.file, row: at.line, column: at.column, expected, found },
  });
}

/** gCO2e/kWh, or undefined for an empty cell (a gap). */
export function readIntensity(text: string, at: At): number | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  const v = Number(t);
  if (!Number.isFinite(v) || v < 0 || !/^[+]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) {
    throw cellError(at, 'a non-negative number of gCO2e/kWh', t);
  }
  return v;
}

/** Epoch ms; zone-less timestamps only where the column says UTC (`assumeUtc`). */
export function readInstant(text: string, at: At, assumeUtc = false): number {
  const ms = parseInstant(text, assumeUtc);
  if (ms === undefined) {
    throw cellError(at, assumeUtc ? 'a timestamp YYYY-MM-DD hh:mm[:ss]' : 'an ISO 8601 timestamp with Z or a UTC offset', text);
  }
  return ms;
}

export function readBoolean(text: string, at: At, fallback: boolean): boolean {
  const t = text.trim().toLowerCase();
  if (t === '') return fallback;
  if (t === 'true' || t === '1' || t === 'yes') return true;
  if (t === 'false' || t === '0' || t === 'no') return false;
  throw cellError(at, 'true or false', text);
}

export function readKind(text: string, at: At): IntensityKind {
  const t = text.trim().toLowerCase();
  if (t === '' || t === 'actual') return 'actual';
  if (t === 'forecast') return 'forecast';
  throw cellError(at, 'actual or forecast', text);
}

export function readSignal(text: string, at: At): IntensitySignal {
  const t = text.trim().toLowerCase();
  if (t === '' || t === 'average') return 'average';
  if (t === 'marginal') return 'marginal';
  throw cellError(at, 'average or marginal', text);
}

export function readMinutes(text: string, at: At): number | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  const v = Number(t);
  if (!Number.isInteger(v) || v <= 0) throw cellError(at, 'a positive whole number of minutes', t);
  return v;
}
