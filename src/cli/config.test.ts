import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratchDir } from '../../test/helpers/focus.js';
import { loadConfig, plainConfig } from './config.js';
import { configSchema } from './config-schema.js';

describe('configuration', () => {
  it('reads plain settings without the schema, exactly as the schema would', () => {
    const cases: Array<Record<string, unknown>> = [
      {},
      { db: 'x.duckdb' },
      { methodology: 'ccf', memoryLimit: '512MB', threads: 2 },
      { db: ':memory:', methodology: 'default' },
    ];
    for (const merged of cases) expect(plainConfig(merged), JSON.stringify(merged)).toEqual(configSchema.parse(merged));
  });

  it('leaves anything else to the schema: file sections and invalid values', () => {
    for (const merged of [{ attribution: { team: ['squad'] } }, { intensity: { provider: 'static' } }, { methodology: 'nope' }, { threads: 0 }, { memoryLimit: 'lots' }, { db: '' }]) {
      expect(plainConfig(merged), JSON.stringify(merged)).toBeUndefined();
    }
  });

  it('flags > env > file, resolved against the working directory; bad values name their path', async () => {
    const cwd = scratchDir();
    writeFileSync(join(cwd, 'greenops.config.yaml'), 'db: from-file.duckdb\nmethodology: ccf\nattribution:\n  team: [squad]\n');
    const fromFile = await loadConfig({}, {}, cwd);
    expect([fromFile.db, fromFile.methodology, fromFile.attribution.team]).toEqual([join(cwd, 'from-file.duckdb'), 'ccf', ['squad']]);
    const fromEnv = await loadConfig({}, { GREENOPS_DB: 'env.duckdb', GREENOPS_METHODOLOGY: 'default' }, cwd);
    expect([fromEnv.db, fromEnv.methodology]).toEqual([join(cwd, 'env.duckdb'), 'default']);
    expect((await loadConfig({ db: 'flag.duckdb' }, { GREENOPS_DB: 'env.duckdb' }, cwd)).db).toBe(join(cwd, 'flag.duckdb'));
    await expect(loadConfig({}, { GREENOPS_METHODOLOGY: 'nope' }, scratchDir())).rejects.toThrow(/invalid configuration at methodology/);
    // the same value typed as a flag is wrong usage (exit 2), not a bad configuration
    await expect(loadConfig({ methodology: 'nope' }, {}, scratchDir())).rejects.toMatchObject({ code: 'E_USAGE', message: expect.stringMatching(/unknown methodology "nope"/) });
  });

  it('refuses a key it does not know, at the top as inside a section (a misspelt section would be ignored)', async () => {
    const cwd = scratchDir();
    writeFileSync(join(cwd, 'greenops.config.yaml'), 'atribution:\n  team: [squad]\n');
    await expect(loadConfig({}, {}, cwd)).rejects.toMatchObject({ code: 'E_CONFIG_INVALID', message: expect.stringMatching(/atribution/) });
  });
});
