/**
 * SQL literals for our own constants (never user values, which stay in columns or go in as
 * parameters), and SQL for CCF's JavaScript string tests.
 */

import { num, text } from '../sql.js';

export { num, text };

/** `list.some(x => s.includes(x))`. */
export function includesAny(expr: string, list: readonly string[]): string {
  return list.length ? `(${list.map((x) => `contains(${expr}, ${text(x)})`).join(' OR ')})` : 'false';
}

/** common/helpers/helpers.js `endsWithAny`: `list.some(x => s.endsWith(x))`. */
export function endsWithAny(expr: string, list: readonly string[]): string {
  return list.length ? `(${list.map((x) => `ends_with(${expr}, ${text(x)})`).join(' OR ')})` : 'false';
}

/**
 * common/helpers/helpers.js `containsAny`: `list.some(x => new RegExp('\\b' + x + '\\b').test(s))`.
 * The entries are NOT escaped there, so a '.' in `t3.micro` matches any character; they are not
 * escaped here either. One alternation matches exactly when one of the separate regexes does, and
 * RE2's \b is ASCII-only like JavaScript's without the u flag.
 */
export function containsAnyWord(expr: string, list: readonly string[]): string {
  return list.length ? `regexp_matches(${expr}, ${text(`\\b(?:${list.join('|')})\\b`)})` : 'false';
}

/** `list.includes(s)` (NULL-safe: false for NULL). */
export function inList(expr: string, list: readonly string[]): string {
  return `COALESCE(${expr} IN (${list.map(text).join(', ')}), false)`;
}
