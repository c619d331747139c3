import { describe, expect, it } from 'vitest';
import { foldIntervals, header, render, renderCsv } from './format.js';

describe('output formatting', () => {
  it('puts units in headers', () => {
    expect(header('energy_kwh')).toBe('energy (kWh)');
    expect(header('co2e_kg')).toBe('co2e (kgCO2e)');
    expect(header('cost_share')).toBe('cost (%)');
    expect(header('intensity_g_per_kwh')).toBe('intensity (gCO2e/kWh)');
    expect(header('duration_s')).toBe('duration (s)');
  });
  it('folds low/high into the value for tables', () => {
    const [row] = foldIntervals([{ team: 'a', co2e_kg: 10, co2e_kg_low: 8, co2e_kg_high: 13 }]);
    expect(row).toEqual({ team: 'a', co2e_kg: '10 [8–13]' });
  });
  it('quotes CSV cells that need it', () => {
    expect(renderCsv([{ a: 'x,y', b: 'say "hi"', c: null }])).toBe('a,b,c\n"x,y","say ""hi""",');
  });
  it('keeps text cells that start like a formula as text in CSV (OWASP), numbers as they are', () => {
    const csv = renderCsv([
      { a: '=HYPERLINK("http://x","y")', b: '+1', c: '-2', d: '@SUM(A1)', e: '\tx', f: -3, g: 'a=b', h: ['=x', 'y'] },
    ]).split('\n')[1];
    expect(csv).toBe(`"'=HYPERLINK(""http://x"",""y"")",'+1,'-2,'@SUM(A1),'\tx,-3,a=b,'=x;y`);
  });
  it('shows control characters in table cells as symbols, one line per row', () => {
    const out = render([{ team: 'a\nb', owner: 'x\u001b[31my\u007f\u0085' }, { team: 'c', owner: 'd' }], 'table').split('\n');
    expect(out).toHaveLength(4);
    expect(out[2]).toBe('a␊b   x␛[31my␡\ufffd');
  });
  it('renders JSON untouched', () => {
    expect(JSON.parse(render([{ a: 1 }], 'json'))).toEqual([{ a: 1 }]);
  });
  it('aligns a table', () => {
    const out = render([{ team: 'a', energy_kwh: 1.5 }, { team: 'bbb', energy_kwh: 1234 }], 'table').split('\n');
    expect(out[0]).toBe('team  energy (kWh)');
    expect(out[3]).toBe('bbb          1,234');
  });
  it('prints numbers that name rather than measure (years, ids, row and file numbers) as written', () => {
    const out = render([{ id: 1234, file: 1001, row: 12345, rows: 12345, source: 'x', year: 2023, first_year: 1999 }], 'table').split('\n');
    expect(out[2]?.split(/\s+/)).toEqual(['1234', '1001', '12345', '12,345', 'x', '2023', '1999']);
  });
});
