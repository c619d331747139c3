/**
 * The contract every `IntensityProvider` passes, run from each provider's own test file:
 *
 *   runProviderContract({ name: 'static', make: () => ({ provider: staticProvider(), query }) });
 *
 * `make` returns a provider and a query it has complete data for (servers it starts are closed by
 * `close`). Checked: ids, UTC `Z` starts, sorted and non-overlapping points, finite non-negative
 * values, full coverage of the period, and refusal of bad queries and aborted calls.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isGreenopsError } from '../core/errors.js';
import { coverageGaps, endMs, startMs } from './series.js';
import type { IntensityProvider, IntensityQuery, IntensitySeries } from './types.js';

export interface ContractSetup {
  readonly provider: IntensityProvider;
  /** A period the provider has every interval of. */
  readonly query: IntensityQuery;
  readonly close?: () => Promise<void>;
}

export interface ContractOptions {
  readonly name: string;
  readonly make: () => ContractSetup | Promise<ContractSetup>;
}

const ISO_Z = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;

/**
 * Registers the contract's tests for one provider.
 *
 * @example runProviderContract({ name: 'uk-grid', make: async () => ({ provider: ukGrid({ baseUrl }), query, close }) });
 */
export function runProviderContract({ name, make }: ContractOptions): void {
  describe(`IntensityProvider contract: ${name}`, () => {
    let setup: ContractSetup;
    let series: IntensitySeries;
    beforeAll(async () => {
      setup = await make();
      series = await setup.provider.series(setup.query);
    });
    afterAll(async () => {
      await setup?.close?.();
    });

    it('labels the series with the provider id, a zone and a UTC fetch time', () => {
      expect(setup.provider.id).toMatch(/^[a-z][a-z0-9-]*$/);
      expect(series.provider).toBe(setup.provider.id);
      expect(series.zone.trim()).not.toBe('');
      expect(series.fetchedAt).toMatch(ISO_Z);
      expect(series.fallback).toBeUndefined();
      expect(series.source ?? '').not.toBe('');
    });

    it('gives starts as ISO 8601 UTC with a Z, sorted and not overlapping', () => {
      expect(series.points.length).toBeGreaterThan(0);
      for (const p of series.points) {
        expect(p.start).toMatch(ISO_Z);
        expect(new Date(p.start).toISOString().replace('.000Z', 'Z')).toBe(p.start.replace('.000Z', 'Z'));
        expect(Number.isInteger(p.durationMinutes) && p.durationMinutes > 0).toBe(true);
      }
      for (let i = 1; i < series.points.length; i++) {
        expect(endMs(series.points[i - 1]!)).toBeLessThanOrEqual(startMs(series.points[i]!));
      }
    });

    it('gives finite, non-negative values with a kind and a signal', () => {
      for (const p of series.points) {
        expect(Number.isFinite(p.gCO2ePerKWh) && p.gCO2ePerKWh >= 0).toBe(true);
        expect(['actual', 'forecast']).toContain(p.kind);
        expect(['average', 'marginal']).toContain(p.signal);
        expect(typeof p.estimated).toBe('boolean');
      }
    });

    it('covers the period asked, and nothing outside it', () => {
      expect(coverageGaps(series, setup.query)).toEqual([]);
      const from = setup.query.from.getTime();
      const to = setup.query.to.getTime();
      for (const p of series.points) expect(startMs(p) < to && endMs(p) > from).toBe(true);
    });

    it('refuses a period that ends before it starts with E_INPUT_VALUE', async () => {
      const q = { ...setup.query, from: setup.query.to, to: setup.query.from };
      await expect(setup.provider.series(q)).rejects.toSatisfy((e) => isGreenopsError(e) && e.code === 'E_INPUT_VALUE');
    });

    it('stops at once when the caller has already aborted', async () => {
      const ac = new AbortController();
      ac.abort();
      await expect(setup.provider.series(setup.query, { signal: ac.signal })).rejects.toSatisfy(isGreenopsError);
    });
  });
}
