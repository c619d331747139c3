/**
 * The zod field for API timestamps, apart from the time helpers so that code which only computes
 * with times (the tracker, the static provider) does not load zod.
 */
import { z } from 'zod';
import { parseInstant } from './time.js';

/**
 * A JSON string field holding a zoned ISO 8601 instant, parsed to epoch milliseconds.
 *
 * @example z.object({ datetime: zInstant }).parse({ datetime: '2024-01-01T00:00:00.000Z' }) // { datetime: 1704067200000 }
 */
export const zInstant = z.string().transform((text, ctx) => {
  const ms = parseInstant(text);
  if (ms === undefined) {
    ctx.addIssue({ code: 'custom', message: 'expected an ISO 8601 timestamp with Z or an offset' });
    return z.NEVER;
  }
  return ms;
});
