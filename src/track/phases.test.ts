import { describe, expect, it } from 'vitest';
import { openPhaseChannel } from './phases.js';

describe('phase channel', () => {
  it('takes phase names as text or JSON on its tokened URL, and refuses anything else', async () => {
    const got: string[] = [];
    const ch = await openPhaseChannel((n) => got.push(n));
    try {
      expect(ch.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/[0-9a-f]{32}\/phase$/);
      expect((await fetch(ch.url, { method: 'POST', body: 'epoch 3' })).status).toBe(204);
      expect((await fetch(ch.url, { method: 'POST', body: JSON.stringify({ name: 'eval' }), headers: { 'content-type': 'application/json' } })).status).toBe(204);
      expect((await fetch(ch.url, { method: 'POST', body: '' })).status).toBe(400);
      expect((await fetch(ch.url, { method: 'POST', body: 'x'.repeat(5000) })).status).toBe(400);
      expect((await fetch(ch.url.replace(/[0-9a-f]{32}/, '0'.repeat(32)), { method: 'POST', body: 'evil' })).status).toBe(404);
      expect((await fetch(ch.url)).status).toBe(404);
      expect(got).toEqual(['epoch 3', 'eval']);
    } finally {
      await ch.close();
    }
  });
});
