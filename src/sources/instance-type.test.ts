import { describe, expect, it } from 'vitest';
import { instanceTypeFromString } from './instance-type.js';

describe('instance type extraction', () => {
  it.each([
    ['BoxUsage:m5.large', 'm5.large'],
    ['USE2-SpotUsage:p3.2xlarge', 'p3.2xlarge'],
    ['$2.00 per On Demand Linux m4.10xlarge Instance Hour', 'm4.10xlarge'],
    ['InstanceUsage:db.r5.large', 'r5.large'],
    ['NodeUsage:cache.m5.xlarge', 'm5.xlarge'],
    ['$0.0464 per On Demand Linux t3.medium Instance Hour', 't3.medium'],
    ['BoxUsage:c5n.metal', 'c5n.metal'],
    ['Virtual Machines Standard_NC24ads_A100_v4', 'standard_nc24ads_a100_v4'],
    ['a2-highgpu-1g running in Americas', 'a2-highgpu-1g'],
    ['n2-standard-4', 'n2-standard-4'],
    ['Virtual Machines Dv2/DSv2 Series - D11 v2/DS11 v2 - US East 2', 'standard_d11_v2'],
    ['Virtual Machines BS Series - B2ms - US East', 'standard_b2ms'],
    ['Virtual Machines BS Series - B1s', 'standard_b1s'],
    ['Virtual Machines BS Series - B2s Spot - UK South', 'standard_b2s'],
  ])('%s → %s', (text, expected) => {
    expect(instanceTypeFromString(text)).toBe(expected);
  });
  it.each(['$0.40 per million Amazon SQS requests', 'EBS:VolumeUsage.gp2', '$0.05 per 1.5 GB', 'Virtual Machines Licenses - Windows Server - US East'])('finds none in %s', (text) => {
    expect(instanceTypeFromString(text)).toBeUndefined();
  });
});
