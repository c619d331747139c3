/**
 * One GET-JSON helper for every grid API: per-attempt timeout, retries with exponential backoff and
 * jitter on 429, 5xx, timeouts and network errors (honouring `Retry-After`, RFC 9110 §10.2.3), and
 * validation of the body with zod. Errors name the provider and the path, never a credential: headers
 * are not echoed and URLs are shown without their query string or user info.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { z } from 'zod';
import { GreenopsError, quote } from '../core/errors.js';

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** Transport settings every HTTP provider accepts. */
export interface HttpOptions {
  /** API root; tests point it at a local server (`http://127.0.0.1:PORT`). */
  readonly baseUrl?: string;
  /** Per attempt, headers and body included. Default 15 000 ms. */
  readonly timeoutMs?: number;
  /** Further attempts after the first. Default 3. */
  readonly retries?: number;
  /** First backoff; doubled each retry, with jitter. Default 500 ms. */
  readonly backoffMs?: number;
  /** Longest wait between attempts; a longer `Retry-After` fails at once. Default 60 000 ms. */
  readonly maxDelayMs?: number;
  /** How to wait between attempts (default: a real timer). */
  readonly sleep?: Sleep;
}

export interface JsonRequest<T> {
  /** Name for messages: `Electricity Maps`. */
  readonly provider: string;
  readonly baseUrl: string;
  readonly path: string;
  readonly query?: Readonly<Record<string, string>>;
  readonly headers?: Readonly<Record<string, string>>;
  readonly schema: z.ZodType<T>;
  readonly signal?: AbortSignal | undefined;
}

const defaultSleep: Sleep = (ms, signal) => delay(ms, undefined, { signal });

/** Outcome of one attempt that may be retried. */
interface Retryable {
  readonly why: string;
  readonly retryAfterMs?: number;
  readonly status?: number;
}

/**
 * GET `baseUrl + path`, parsed and validated.
 *
 * @example
 * const body = await getJson({ provider: 'UK grid', baseUrl, path: '/intensity', schema }, { retries: 2 });
 */
export async function getJson<T>(req: JsonRequest<T>, http: HttpOptions = {}): Promise<T> {
  const url = new URL(req.baseUrl);
  url.pathname = `${url.pathname.replace(/\/$/, '')}${req.path}`;
  for (const [k, v] of Object.entries(req.query ?? {})) url.searchParams.set(k, v);
  const where = `${url.origin}${url.pathname}`;
  const retries = http.retries ?? 3;
  const sleep = http.sleep ?? defaultSleep;
  for (let attempt = 0; ; attempt++) {
    const outcome = await attemptOnce(req, url, where, http.timeoutMs ?? 15_000);
    if (!('why' in outcome)) return outcome.value;
    if (attempt >= retries) {
      throw new GreenopsError('E_PROVIDER', `${req.provider}: ${outcome.why} from ${where} (gave up after ${attempt + 1} attempts)`, {
        data: { provider: req.provider, url: where, status: outcome.status, attempts: attempt + 1 },
      });
    }
    const wait = outcome.retryAfterMs ?? backoff(attempt, http.backoffMs ?? 500);
    const maxDelay = http.maxDelayMs ?? 60_000;
    if (wait > maxDelay) {
      throw new GreenopsError('E_PROVIDER', `${req.provider}: ${outcome.why} from ${where}; asked to wait ${Math.ceil(wait / 1000)} s, more than ${Math.ceil(maxDelay / 1000)} s`, {
        data: { provider: req.provider, url: where, status: outcome.status, retryAfterMs: wait },
      });
    }
    try {
      await sleep(Math.min(wait, maxDelay), req.signal);
    } catch (e) {
      throw new GreenopsError('E_PROVIDER', `${req.provider}: request aborted`, { cause: e });
    }
  }
}

async function attemptOnce<T>(req: JsonRequest<T>, url: URL, where: string, timeoutMs: number): Promise<{ value: T } | Retryable> {
  if (aborted(req.signal)) throw new GreenopsError('E_PROVIDER', `${req.provider}: request aborted`, { cause: req.signal?.reason });
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = req.signal === undefined ? timeout : AbortSignal.any([req.signal, timeout]);
  let status: number;
  let text: string;
  let retryAfter: string | null;
  try {
    const res = await fetch(url, { headers: { accept: 'application/json', ...req.headers }, signal, redirect: 'follow' });
    status = res.status;
    retryAfter = res.headers.get('retry-after');
    text = await res.text();
  } catch (e) {
    if (aborted(req.signal)) throw new GreenopsError('E_PROVIDER', `${req.provider}: request aborted`, { cause: e });
    if (timeout.aborted) return { why: `no answer within ${timeoutMs} ms` };
    return { why: `network error (${networkCode(e)})` };
  }
  if (status === 401 || status === 403) {
    throw new GreenopsError('E_PROVIDER_AUTH', `${req.provider} refused the credentials (HTTP ${status}) at ${where}`, {
      data: { provider: req.provider, url: where, status },
    });
  }
  if (status === 429 || status >= 500) {
    const retryAfterMs = parseRetryAfter(retryAfter);
    return { why: `HTTP ${status}`, status, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) };
  }
  if (status < 200 || status > 299) {
    throw new GreenopsError('E_PROVIDER', `${req.provider}: HTTP ${status} from ${where}: ${quote(scrub(text, req.headers), 200)}`, {
      data: { provider: req.provider, url: where, status },
    });
  }
  return { value: parseBody(req, text, where) };
}

function parseBody<T>(req: JsonRequest<T>, text: string, where: string): T {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new GreenopsError('E_PROVIDER', `${req.provider} returned invalid JSON from ${where}: ${quote(scrub(text, req.headers), 80)}`, {
      data: { provider: req.provider, url: where, expected: 'JSON' },
      cause: e,
    });
  }
  const parsed = req.schema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  throw new GreenopsError('E_PROVIDER', `${req.provider} returned an unexpected response from ${where}: ${issues.join('; ')}`, {
    data: { provider: req.provider, url: where, issues },
    cause: parsed.error,
  });
}

/** Exponential backoff with "equal jitter": half fixed, half random, so clients spread out. */
function backoff(attempt: number, baseMs: number): number {
  const cap = baseMs * 2 ** attempt;
  return cap / 2 + Math.random() * (cap / 2);
}

/**
 * Milliseconds to wait from a `Retry-After` header: delay-seconds or an HTTP date (RFC 9110 §10.2.3).
 *
 * @example parseRetryAfter('7') // 7000
 */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** An error body may echo what was sent: blank out the credentials in our own headers. */
function scrub(text: string, headers: Readonly<Record<string, string>> | undefined): string {
  const secrets = Object.values(headers ?? {})
    .flatMap((v) => [v, v.replace(/^(bearer|basic)\s+/i, '')])
    .filter((v) => v.length >= 8);
  return secrets.reduce((t, secret) => t.split(secret).join('***'), text);
}

/** A function, so that TypeScript does not carry an earlier check across an await. */
const aborted = (signal: AbortSignal | undefined): boolean => signal?.aborted === true;

function networkCode(e: unknown): string {
  const cause = e instanceof Error ? (e.cause as { code?: unknown } | undefined) : undefined;
  if (typeof cause?.code === 'string') return cause.code;
  return e instanceof Error ? e.message : String(e);
}
