import { describe, expect, it } from 'vitest';
import { countFields } from './csv-check.js';

describe('countFields', () => {
  it('counts the fields of a header line, quotes respected', () => {
    expect(countFields('a,b,c', ',')).toBe(3);
    expect(countFields('"a,x",b,"say ""hi"", twice"', ',')).toBe(3);
    expect(countFields('a\tb', '\t')).toBe(2);
    expect(countFields('a,b,\r', ',')).toBe(3);
  });
});
