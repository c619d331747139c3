import { describe, expect, it } from 'vitest';
import { remaining, waitUntil } from './countdown.js';

describe('countdown', () => {
  it('writes the time left', () => {
    expect(remaining(3_723_000)).toBe('01:02:03');
    expect(remaining(90_061_000)).toBe('1d 01:01:01');
    expect(remaining(-5)).toBe('00:00:00');
  });

  it('starts at once when the time has passed', async () => {
    const out: string[] = [];
    const r = await waitUntil(Date.now() - 1000, { tty: false, write: (s) => out.push(s), signal: new AbortController().signal, label: 'in DE' });
    expect([r, out]).toEqual(['started', []]);
  });

  it('waits, printing a plain line without a terminal, and updates one line in place on a terminal', async () => {
    const plain: string[] = [];
    const t0 = Date.now();
    expect(await waitUntil(t0 + 300, { tty: false, write: (s) => plain.push(s), signal: new AbortController().signal, label: 'in DE' })).toBe('started');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
    expect(plain).toHaveLength(1);
    expect(plain[0]).toMatch(/^greenops: waiting 00:00:01 until \S+Z in DE \(Ctrl-C to cancel\)\n$/);
    const tty: string[] = [];
    await waitUntil(Date.now() + 200, { tty: true, write: (s) => tty.push(s), signal: new AbortController().signal, label: 'in DE' });
    expect(tty[0]).toMatch(/^\r\x1b\[2Kgreenops: waiting/);
    expect(tty.at(-1)).toBe('\r\x1b[2K');
  });

  it('ends early when interrupted', async () => {
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 50);
    const t0 = Date.now();
    expect(await waitUntil(t0 + 60_000, { tty: false, write: () => undefined, signal: ac.signal, label: '' })).toBe('interrupted');
    expect(Date.now() - t0).toBeLessThan(5_000);
  });
});
