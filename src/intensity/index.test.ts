import { describe, expect, it } from 'vitest';
import { isGreenopsError } from '../core/errors.js';
import { createProvider, providerFactories } from './index.js';

describe('provider registry', () => {
  it('has one factory per id, each building a provider with that id', () => {
    const ids = providerFactories.map((f) => f.id);
    expect(ids).toEqual(['static', 'file', 'electricitymaps', 'watttime', 'uk-grid']);
    const options: Record<string, unknown> = { file: { path: 'x.csv' }, electricitymaps: { token: 't' }, watttime: { username: 'u', password: 'p' } };
    for (const f of providerFactories) {
      expect(f.description.length).toBeGreaterThan(5);
      expect(createProvider(f.id, options[f.id] ?? {}).id).toBe(f.id);
    }
  });

  it('refuses an unknown id, listing the known ones', () => {
    expect(() => createProvider('co2signal')).toThrow(expect.objectContaining({
      code: 'E_CONFIG_INVALID', message: expect.stringContaining('known: static, file, electricitymaps, watttime, uk-grid'),
    }));
  });

  it('names bad or unknown option fields, never their values', () => {
    try {
      createProvider('watttime', { username: 'u', password: 42, baseUrl: 'not a url', passwrod: 'hunter2-secret' });
      expect.unreachable();
    } catch (e) {
      expect(isGreenopsError(e) && e.code).toBe('E_CONFIG_INVALID');
      const text = JSON.stringify(isGreenopsError(e) ? e.toJSON() : e);
      expect(text).toMatch(/password/);
      expect(text).toMatch(/baseUrl/);
      expect(text).toMatch(/passwrod/);
      expect(text).not.toContain('hunter2-secret');
    }
  });

  it('passes the runtime clock to the provider', async () => {
    const p = createProvider('static', {}, { now: () => new Date('2030-01-01T00:00:00Z') });
    const s = await p.series({ zone: 'FR', from: new Date('2024-01-01T00:00Z'), to: new Date('2024-01-01T01:00Z') });
    expect(s.fetchedAt).toBe('2030-01-01T00:00:00Z');
  });
});
