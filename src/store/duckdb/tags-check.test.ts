import { describe, expect, it } from 'vitest';
import { shiftedRowNo } from './tags-check.js';

describe('shiftedRowNo', () => {
  it('places the j-th kept row after the left-out lines before it', () => {
    // rows 1..6 of a file; rows 2 and 4 were left out: kept rows are 1, 3, 5, 6
    expect([1, 2, 3, 4].map((j) => shiftedRowNo(j, [2, 4]))).toEqual([1, 3, 5, 6]);
    expect(shiftedRowNo(7, [])).toBe(7);
  });
});
