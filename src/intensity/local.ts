/**
 * Providers that read local data (the annual factor tables, files): nothing to cache, nothing to
 * bridge when they fail, no network. Kept apart from the registry so that callers deciding whether a
 * live fetch is needed do not load the providers (and their JSON validation).
 */
const LOCAL: ReadonlySet<string> = new Set(['static', 'file']);

/** @example isLocalProvider('static') // true; isLocalProvider('electricitymaps') // false */
export function isLocalProvider(id: string): boolean {
  return LOCAL.has(id);
}
