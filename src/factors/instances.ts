/**
 * All instance types of all providers, and the lookup that billing adapters use.
 * The tables live in instances-{aws,azure,gcp}.ts; this module only merges and indexes them.
 */
import { awsBaseTypeName, awsInstanceSources, awsInstanceTypes } from './instances-aws.js';
import { azureCanonicalName, azureInstanceSources, azureInstanceTypes } from './instances-azure.js';
import { gcpCanonicalName, gcpInstanceSources, gcpInstanceTypes } from './instances-gcp.js';
import type { InstanceType, Provider, SourceRef } from './types.js';

export const instanceSources: readonly SourceRef[] = [...awsInstanceSources, ...azureInstanceSources, ...gcpInstanceSources];

/** Every instance type greenops knows, all providers. */
export const instanceTypes: readonly InstanceType[] = [...awsInstanceTypes, ...azureInstanceTypes, ...gcpInstanceTypes];

const index = new Map<string, InstanceType>(instanceTypes.map((t) => [`${t.provider}:${t.name}`, t]));

function canonicalName(provider: Provider, name: string): string {
  switch (provider) {
    case 'aws':
      return awsBaseTypeName(name);
    case 'azure':
      return azureCanonicalName(name);
    case 'gcp':
      return gcpCanonicalName(name);
    default:
      return name.trim().toLowerCase();
  }
}

/**
 * Finds an instance type by its billed name, case-insensitively. AWS managed-service prefixes
 * ('db.', 'ml.', 'cache.', 'kafka.') resolve to the EC2 base type; Azure accepts ARM names and meter
 * names; GCP accepts machine-type URLs.
 *
 * @example
 * lookupInstance('aws', 'db.m5.large')?.name // 'm5.large'
 * lookupInstance('azure', 'D2s v3')?.name // 'standard_d2s_v3'
 * lookupInstance('gcp', 'zones/us-central1-a/machineTypes/a2-highgpu-1g')?.gpus // 1
 */
export function lookupInstance(provider: Provider, name: string): InstanceType | undefined {
  return index.get(`${provider}:${canonicalName(provider, name)}`);
}
