import { describe, expect, it } from 'vitest';
import { attributionSchema, defaultAttribution } from './attribution.js';
import { DEFAULT_ATTRIBUTION } from './attribution-defaults.js';

describe('attribution configuration', () => {
  it('names its dimensions as footprint --by does, with the defaults for what is not given', () => {
    const a = attributionSchema.parse({ app: ['application'], required: ['team', 'app'] });
    expect(a.app).toEqual(['application']);
    expect(a.team).toEqual(DEFAULT_ATTRIBUTION.team);
    expect(a.required).toEqual(['team', 'app']);
    expect(defaultAttribution.app).toEqual(DEFAULT_ATTRIBUTION.app);
  });

  it('reads `service` as `app`, in the keys and in `required`', () => {
    const a = attributionSchema.parse({ service: ['svc'], required: ['service'] });
    expect([a.app, a.required]).toEqual([['svc'], ['app']]);
  });

  it('refuses a key it does not know instead of ignoring it', () => {
    expect(() => attributionSchema.parse({ apps: ['x'] })).toThrow(/apps/);
    expect(() => attributionSchema.parse({ app: ['a'], service: ['b'] })).toThrow(/service/);
    expect(() => attributionSchema.parse({ required: ['cost_center'] })).toThrow();
  });
});
