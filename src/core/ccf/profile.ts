import { METHODOLOGY_VERSION, type MethodologyProfile } from '../methodology.js';

/**
 * Cloud Carbon Footprint 0.15 reproduced: linear power line at 50 %, CCF's classification of AWS
 * usage types, its embodied quirk and its cost-based 'unknown' rows, so teams moving from CCF can
 * reconcile row by row.
 */
export const ccfProfile: MethodologyProfile = {
  id: 'ccf',
  // .2: no factor ids on rates without a CCF figure (NaN; unknown usage with no known usage or no
  // ratio for its unit); .3: the region as billed (product/region), not as placed. Stored estimates
  // made before are rebuilt.
  version: `${METHODOLOGY_VERSION}+ccf-0.15.3`,
  title: 'Cloud Carbon Footprint 0.15 (AWS), quirks included',
  cpuCurve: 'linear',
  cpuUtilisation: 0.5,
  cpuUtilisationRange: [0.5, 0.5],
  gpuUtilisation: 0.5,
  gpuUtilisationRange: [0.5, 0.5],
  memoryBaselineGBPerVcpu: 0,
  lifetimeHours: 35_040,
  costRatioBand: { low: 1, high: 1 },
};
