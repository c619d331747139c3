import { describe, expect, it } from 'vitest';
import { bestWindows, regularSeries } from '../schedule/index.js';
import type { SourcedSeries } from './intensity-source.js';
import { decideStart } from './run-decision.js';

const series = regularSeries({ zone: 'DE', start: '2024-06-01T00:00:00Z', stepMinutes: 60, values: [300, 250, 140, 200, 50, 300, 300, 300] });
const sources: SourcedSeries[] = [{ input: 'DE', series, provider: 'file', source: 'test' }];
const earliestMs = Date.UTC(2024, 5, 1, 0, 30);
const outcome = { method: 'bestWindows' as const, result: bestWindows({ series, semantics: 'step', durationMinutes: 60, earliest: new Date(earliestMs), deadline: '2024-06-01T08:00:00Z' }) };

describe('run start decision', () => {
  it('waits for the best start without a threshold', () => {
    const d = decideStart(outcome, sources, { semantics: 'step', onGap: 'error', earliestMs });
    // candidates every hour from 00:30: 04:30–05:30 averages (50 + 300) / 2 = 175, 03:30–04:30 averages 125
    expect([new Date(d.startMs).toISOString(), d.reason, d.expectedGCO2ePerKWh, d.runNowGCO2ePerKWh]).toEqual(['2024-06-01T03:30:00.000Z', 'best', 125, 275]);
  });

  it('starts at the first moment at or below the threshold, checked on the plan\'s series', () => {
    const d = decideStart(outcome, sources, { semantics: 'step', onGap: 'error', earliestMs, threshold: 150 });
    expect([new Date(d.startMs).toISOString(), d.reason, d.expectedGCO2ePerKWh]).toEqual(['2024-06-01T02:00:00.000Z', 'threshold', 140]);
    expect(decideStart(outcome, sources, { semantics: 'step', onGap: 'error', earliestMs, threshold: 300 }).startMs).toBe(earliestMs);
    expect(decideStart(outcome, sources, { semantics: 'step', onGap: 'error', earliestMs, threshold: 10 }).reason).toBe('best');
  });
});
