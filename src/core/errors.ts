/**
 * One error family for the whole package. Every error has a stable `code`, a message written where it
 * is thrown, an optional `cause`, and structured `data` (file, row, column, expected …) that the CLI
 * and the server render. Messages never contain secrets; user input appears only quoted and truncated.
 */
export type ErrorCode =
  | 'E_INPUT_FILE_MISSING'
  | 'E_INPUT_FILE_EMPTY'
  | 'E_INPUT_FILE_UNREADABLE'
  | 'E_INPUT_COLUMN_MISSING'
  | 'E_INPUT_FORMAT_UNKNOWN'
  | 'E_INPUT_VALUE'
  | 'E_CONFIG_INVALID'
  | 'E_STORE_BUSY'
  | 'E_STORE'
  | 'E_FACTOR_UNKNOWN'
  | 'E_ZONE_UNKNOWN'
  | 'E_SERIES_GAP'
  | 'E_SCHEDULE_INFEASIBLE'
  | 'E_PROVIDER'
  | 'E_PROVIDER_AUTH'
  | 'E_METER'
  | 'E_COMMAND_NOT_FOUND'
  | 'E_USAGE';

export interface ErrorData {
  readonly file?: string;
  readonly row?: number;
  readonly column?: string;
  readonly expected?: string;
  readonly found?: string;
  readonly [key: string]: unknown;
}

export class GreenopsError extends Error {
  readonly code: ErrorCode;
  readonly data: ErrorData;

  constructor(code: ErrorCode, message: string, options: { data?: ErrorData; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'GreenopsError';
    this.code = code;
    this.data = options.data ?? {};
  }

  toJSON(): { code: ErrorCode; message: string; data: ErrorData } {
    return { code: this.code, message: this.message, data: this.data };
  }
}

export function isGreenopsError(e: unknown): e is GreenopsError {
  return e instanceof GreenopsError;
}

/** Quote a piece of user input for a message: bounded length, control characters removed. */
export function quote(value: unknown, max = 60): string {
  const s = String(value).replace(/[\u0000-\u001f\u007f]/g, ' ');
  return JSON.stringify(s.length > max ? `${s.slice(0, max)}…` : s);
}
