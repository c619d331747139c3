// Tests may read the shared reference data; the factor modules themselves may not (see eslint.config.js).
// eslint-disable-next-line no-restricted-imports
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isGreenopsError } from '../core/errors.js';
import {
  ccfHostEmbodiedKg,
  DEFAULT_LIFETIME_HOURS,
  defaultServerLifetime,
  embodiedFactors,
  embodiedSources,
  genericHostEmbodiedKg,
  lookupEmbodied,
} from './embodied.js';
import { instanceTypes, lookupInstance } from './instances.js';

const sourceIds = new Set(embodiedSources.map((s) => s.id));

describe('embodied factor table', () => {
  it('cites a listed source, with a finite positive figure and a band around 1', () => {
    for (const f of embodiedFactors) {
      expect(sourceIds.has(f.source), f.id).toBe(true);
      expect(Number.isFinite(f.kgCO2ePerHost) && f.kgCO2ePerHost > 0, f.id).toBe(true);
      expect(f.band.low).toBeLessThanOrEqual(1);
      expect(f.band.high).toBeGreaterThanOrEqual(1);
    }
  });

  it('has unique ids of the form embodied:<provider>:<family>', () => {
    expect(new Set(embodiedFactors.map((f) => f.id)).size).toBe(embodiedFactors.length);
    for (const f of embodiedFactors) expect(f.id).toBe(`embodied:${f.provider}:${f.family}`);
  });

  it('has a figure for every instance family', () => {
    for (const t of instanceTypes) expect(lookupEmbodied(t.provider, t.family), `${t.provider} ${t.family}`).toBeDefined();
  });

  it('uses the CCF values quoted in METHODOLOGY-FACTS', () => {
    const quoted: ReadonlyArray<[string, number]> = [['m5', 1.6103792], ['c5', 1.3440944], ['t2', 1.4772368], ['g5', 3.434], ['p4d', 4.6755184]];
    for (const [family, tonnes] of quoted) expect(lookupEmbodied('aws', family)?.kgCO2ePerHost, family).toBeCloseTo(tonnes * 1000, 6);
    expect(lookupEmbodied('aws', 'm5')?.id).toBe('embodied:aws:m5');
  });

  it('gives an m5.24xlarge-hour 48x the embodied of an m5.large-hour (vCPU share of one host)', () => {
    const host = lookupEmbodied('aws', 'm5')?.kgCO2ePerHost ?? Number.NaN;
    const perHour = (name: string): number => {
      const t = lookupInstance('aws', name);
      return t ? (host * t.vcpus) / t.hostVcpus / DEFAULT_LIFETIME_HOURS : Number.NaN;
    };
    expect(perHour('m5.24xlarge') / perHour('m5.large')).toBeCloseTo(48, 10);
    // SCI worked example: a 1,000 kg server, 1 h of the whole server = 28.5 g.
    expect((1_000_000 * 1) / DEFAULT_LIFETIME_HOURS).toBeCloseTo(28.54, 2);
  });
});

describe('lifetime', () => {
  it('defaults to 4 years = 35,040 h, with a listed source', () => {
    expect(DEFAULT_LIFETIME_HOURS).toBe(4 * 8760);
    expect(defaultServerLifetime.hours).toBe(35_040);
    expect(sourceIds.has(defaultServerLifetime.source)).toBe(true);
  });
});

describe('ccfHostEmbodiedKg', () => {
  it("reproduces CCF's csv totals", () => {
    expect(ccfHostEmbodiedKg({ memoryGB: 384, cpuSockets: 2 })).toBeCloseTo(1610.79, 2); // m5
    expect(ccfHostEmbodiedKg({ memoryGB: 244, cpuSockets: 2, hddDrives: 24 })).toBeCloseTo(2616.47, 2); // d2
    expect(ccfHostEmbodiedKg({ memoryGB: 1152, cpuSockets: 2, ssdDrives: 8, gpus: 8 })).toBeCloseTo(4676.79, 2); // p4d
    expect(ccfHostEmbodiedKg({ memoryGB: 128, cpuSockets: 1 })).toBeCloseTo(1155.46, 2); // c6g (Graviton2)
  });
});

describe('genericHostEmbodiedKg (Impact Framework)', () => {
  const base = { vcpus: 1, memoryGB: 16, gpus: 0, ssd: 0, hdd: 0 };

  it('is 1,000 kg for the 1-vCPU, 16 GB baseline', () => {
    expect(genericHostEmbodiedKg(base)).toBe(1000);
  });

  it('adds 100 kg per extra vCPU, 533/384 g per GB above 16, 50 kg per SSD, 100 kg per HDD, 150 kg per GPU', () => {
    expect(genericHostEmbodiedKg({ ...base, vcpus: 2 })).toBeCloseTo(1100, 9);
    expect(genericHostEmbodiedKg({ ...base, memoryGB: 400 })).toBeCloseTo(1000 + (384 * 533) / 384 / 1000, 9);
    expect(genericHostEmbodiedKg({ ...base, ssd: 1 })).toBeCloseTo(1050, 9);
    expect(genericHostEmbodiedKg({ ...base, hdd: 1 })).toBeCloseTo(1100, 9);
    expect(genericHostEmbodiedKg({ ...base, gpus: 8 })).toBeCloseTo(2200, 9);
    expect(genericHostEmbodiedKg({ ...base, memoryGB: 4 })).toBe(1000); // no credit below the baseline
  });

  it('rejects negative or non-finite inputs with a coded error', () => {
    for (const bad of [{ ...base, vcpus: -1 }, { ...base, memoryGB: Number.NaN }, { ...base, gpus: Number.POSITIVE_INFINITY }]) {
      let caught: unknown;
      try {
        genericHostEmbodiedKg(bad);
      } catch (e) {
        caught = e;
      }
      expect(isGreenopsError(caught) && caught.code === 'E_INPUT_VALUE').toBe(true);
    }
  });
});

// Conformance with CCF's embodied csv (shared reference data; absent in a fresh clone, then skipped).
const awsEmbodied = new URL('../../../shared/data/instances/ccf_coefficients-aws-embodied.csv', import.meta.url);

describe.skipIf(!existsSync(awsEmbodied))('conformance with CCF coefficients-aws-embodied.csv', () => {
  it('every csv-sourced AWS family equals the total of some csv row of that family', () => {
    const totals = new Map<string, Set<number>>();
    for (const line of readFileSync(awsEmbodied, 'utf8').trim().split(/\r?\n/).slice(1)) {
      const [, type = '', , , , , total = ''] = line.split(',');
      const family = type.split('.')[0] ?? '';
      if (/^(db|cache)\./.test(type) || type.endsWith('.elasticsearch')) continue;
      totals.set(family, (totals.get(family) ?? new Set<number>()).add(Number(total)));
    }
    let compared = 0;
    for (const f of embodiedFactors) {
      if (f.provider !== 'aws' || f.source !== 'ccf-coefficients-embodied') continue;
      compared += 1;
      expect(totals.get(f.family)?.has(f.kgCO2ePerHost), f.id).toBe(true);
    }
    expect(compared).toBeGreaterThan(50);
  });
});
