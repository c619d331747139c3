/**
 * Cloud Carbon Footprint's own data for its AWS Cost and Usage Report path, as CCF 0.15 ships it.
 * These are CCF's numbers on purpose: the `ccf` profile reproduces CCF row by row, quirks included.
 * greenops' own, separately sourced factors live in src/factors/ and are not used here.
 *
 * Source: Cloud Carbon Footprint (github.com/cloud-carbon-footprint/cloud-carbon-footprint, Apache-2.0),
 * npm `@cloud-carbon-footprint/aws` 0.15.0 with `core` 0.17.3 and `common` 1.15.0 (published
 * 2024-12-13). Paths below are inside those packages' `dist/`:
 *   aws/lib/CostAndUsageTypes.js                 usage-type and unit lists
 *   aws/lib/AWSInstanceTypes.js                   instance, processor, GPU, burstable, MSK tables
 *   aws/lib/ReplicationFactors.js                 replication rules
 *   aws/domain/AwsFootprintEstimationConstants.js PUE, coefficients, processor watts, region factors
 *   core/FootprintEstimationConstants.js          the US grid factors the AWS table reuses
 * Instance-level values are in ./tables-types-*.ts and ./tables-processors.ts.
 */

export const CCF_SOURCE = {
  id: 'ccf-0.15',
  title: 'Cloud Carbon Footprint @cloud-carbon-footprint/aws 0.15.0 (core 0.17.3, common 1.15.0)',
  license: 'Apache-2.0',
  year: 2024,
} as const;

/** Scalars from aws/domain/AwsFootprintEstimationConstants.js (units in the names). */
export const CCF_CONSTANTS = {
  /** PUE_AVG; `getPUE()` ignores the region. */
  pue: 1.135,
  /** AVG_CPU_UTILIZATION_2020, in percent. */
  cpuUtilisationPct: 50,
  /** SSDCOEFFICIENT, Wh per TB-hour. */
  ssdWhPerTBh: 1.2,
  /** HDDCOEFFICIENT, Wh per TB-hour. */
  hddWhPerTBh: 0.65,
  /** NETWORKING_COEFFICIENT, kWh per GB. */
  networkKWhPerGB: 0.001,
  /** MEMORY_COEFFICIENT, kWh per GB-hour. */
  memoryKWhPerGBh: 0.000392,
  /** SERVER_EXPECTED_LIFESPAN, hours. */
  serverLifespanHours: 35_040,
  /** common/helpers/unitConversion.js convertBytesToTerabytes: 2^40 (applied to GB-Mo amounts: a CCF quirk). */
  bytesPerTerabyte: 1_099_511_627_776,
  /** GLUE_VCPUS_PER_USAGE and SIMPLE_DB_VCPUS_PER_USAGE in aws/lib/CostAndUsageReportsRow.js. */
  glueVcpusPerUsage: 4,
  simpleDbVcpusPerUsage: 1,
} as const;

/** KNOWN_USAGE_UNITS, grouped as CostAndUsageReports.getEstimateByUsageUnit dispatches them. */
export const CCF_UNITS = {
  compute: ['Hrs', 'Hours', 'hours', 'vCPU-Hours', 'DPU-Hour', 'ACU-Hr'],
  storage: ['GB-Mo', 'GB-Month', 'GB-Mp', 'GB-month', 'GB-Hours'],
  seconds: ['seconds', 'Second', 'Lambda-GB-Second'],
  network: ['GB', 'GigaBytes'],
} as const satisfies Record<string, readonly string[]>;

/** Usage types CCF drops without output (matched with `includes`). */
export const UNSUPPORTED_USAGE_TYPES: readonly string[] = [
  'EMR-EKS-EC2-GBHours', 'APS3-EMR-EKS-EC2-vCPUHours', 'ECS-EC2-GB-Hours', 'ECS-EC2-vCPU-Hours', 'Dollar',
  'HostBoxUsage',
];

/** Usage types CCF estimates from the cost ratio of known rows (matched with `includes`). */
export const UNKNOWN_USAGE_TYPES: readonly string[] = [
  'AmazonEKS-Hours:perCluster', 'SoftwareUsage', 'BundleUsage', 'Small-Directory-Usage', 'Std-MicrosoftAD-DC-Usage',
  'InactivePipelines', 'Lambda-Provisioned', 'ets-hd-success', 'ets-sd-success', 'BuildDuration', 'Build-Min',
  'AW-HW-User-Usage', 'TransitGateway-Hours', 'VpcEndpoint-Hours', 'VPN-Usage-Hours', 'NatGateway-Hours',
  'NatGateway-Bytes', 'LoadBalancerUsage', 'IdleAddress', 'UnusedStaticIP', 'AdditionalAddress',
  'ResolverNetworkInterface', 'DataScanned', 'FastSnapshotRestore', 'GMD-Metrics', 'Dollar',
  'Airflow-SmallEnvironment', 'MemoryStore-ByteHrs', 'Output-SD-Hours', 'Output-HD-Hours', 'Output-FullHD-Hours',
  'Input-Standard-Hours', 'Airflow-SmallWorker', 'AppRunner-Provisioned-GB-hours', 'ApiGatewayCacheUsage',
  'PortUsage', 'SharedMsftAD-Usage', 'Kafka.mcu.general', 'SnapshotArchiveStorage', 'PaidPrivateCA',
  'Firehose-VpcDelivery-Hours', 'Airflow-MediumEnvironment', 'IPAddressManager-IP-Hours', 'Gateway:VTL-Storage',
  'Aurora:ServerlessV2Usage',
];

/** Services whose storage is SSD unless the usage type says Backup (matched with `endsWith` on the service). */
export const SSD_SERVICES: readonly string[] = [
  'AmazonDocDB', 'AmazonDynamoDB', 'AmazonEFS', 'AmazonES', 'AmazonSimpleDB', 'AmazonSageMaker', 'AWSIoTAnalytics',
  'AmazonKinesisAnalytics', 'AmazonMQ', 'AmazonECS', 'AmazonLightsail', 'AmazonNeptune', 'AmazonFSx',
  'AmazonKinesis',
];

/** Storage usage types on SSD (matched with `endsWith`). */
export const SSD_USAGE_TYPES: readonly string[] = [
  'VolumeUsage.gp2', 'VolumeUsage.io2', 'VolumeUsage.io1', 'VolumeUsage.gp3', 'VolumeUsage.piops', 'GP2-Storage',
  'PIOPS-Storage', 'Aurora:StorageUsage', 'Kafka.Storage.GP2', 'ES:Magnetic-Storage', 'TimedPITRStorage-ByteHrs',
  'ECS-EC2-GB-Hours', 'Lambda-GB-Second', 'Lambda-Edge-GB-Second', 'RDS:Multi-AZ-StorageUsage', 'Fargate-GB-Hours',
  'dc2.large', 'dc2.8xlarge', 'ra3.xlplus', 'ra3.4xlarge', 'ra3.16xlarge', 'Storage.SSD.50', 'Storage.MultiAZ:SSD',
  'RDS:GP3-Storage',
];

/** Storage usage types on HDD (matched with `endsWith`, after the SSD test fails). */
export const HDD_USAGE_TYPES: readonly string[] = [
  'VolumeUsage.st1', 'VolumeUsage.sc1', 'VolumeUsage', 'SnapshotUsage', 'TimedStorage-ByteHrs', 'RDS:StorageUsage',
  'GlacierByteHrs', 'Aurora:BackupUsage', 'RDS:ChargedBackupUsage', 'TimedStorage-RRS-ByteHrs',
  'ElastiCache:BackupUsage', 'BackupUsage', 'Redshift:PaidSnapshots', 'TimedStorage-SIA-ByteHrs', 'EarlyDelete-SIA',
  'TimedStorage-GlacierStaging', 'TimedStorage-SIA-SmObjects', 'TimedStorage-GDA-ByteHrs',
  'TimedStorage-GDA-Staging', 'TimedStorage-ZIA-ByteHrs', 'TimedStorage-INT-FA-ByteHrs', 'EarlyDelete-GDA',
  'ProcessedStorage-ByteHrs', 'EarlyDelete-ZIA', 'EarlyDelete-ByteHrs', 'TimedStorage-ZIA-SmObjects',
  'TimedStorage-INT-IA-ByteHrs', 'EarlyDelete-SIA-SmObjects', 'EarlyDelete-ZIA-SmObjects', 'QS-Enterprise-SPICE',
  'TimedBackupStorage-ByteHrs', 'DurableApplicationBackups', 'dc1.large', 'dc1.8xlarge', 'ds2.xlarge',
  'ds2.8xlarge', 'EU-TimedStorage-GDA-Staging', 'BytesDeleted-STANDARD', 'BytesDeleted-SIA', 'BytesDeleted-INT',
  'BytesDeleted-GDA', 'OverwriteBytes-Put-GLACIER', 'OverwriteBytes-Put-RRS', 'BackupUsage.MultiAZ',
  'ColdStorage-ByteHrs-EFS', 'WarmStorage-ByteHrs-EFS', 'WarmStorage-ByteHrs-DynamoDB', 'MagneticStore-ByteHrs',
  'ColdStorage-ByteHrs-DynamoDB', 'WarmStorage-ByteHrs-S3', 'AMP:MetricStorageByteHrs',
  'TimedStorage-INT-AIA-ByteHrs', 'TimedStorage-GIR-ByteHrs',
];

/** Usage types whose GB-Mo amounts CCF divides by 2^40 as if they were bytes (matched with `endsWith`; CCF issue #1029). */
export const BYTE_HOURS_USAGE_TYPES: readonly string[] = [
  'ByteHrs', 'SmObjects', 'EarlyDelete-GDA', 'EarlyDelete-SIA', 'EarlyDelete-ZIA', 'GlacierByteHrs', 'ByteHrs-EFS',
  'ByteHrs-DynamoDB',
];

/** Data-transfer usage types CCF estimates (matched with `endsWith`); any other GB row is dropped. */
export const NETWORKING_USAGE_TYPES: readonly string[] = [
  'AWS-Out-Bytes', 'DataTransfer-Out-Bytes', 'DataTransfer-Regional-Bytes', 'TotalDataXfer-Out-Bytes',
  'Egress-Bytes', 'UploadBytes', 'UPLOAD', 'ExportDataSize-Bytes', 'DOWNLOAD', 'Data-Bytes-Out',
  'VpcEndpoint-Bytes', 'TransitGateway-Bytes', 'Retrieval', 'BilledBytes',
];

/** `containsAny` (word-bounded regex, not escaped) lists in CostAndUsageReportsRow.getVCpuHours. */
export const VCPU_HOURS_USAGE_TYPES: readonly string[] = ['Fargate-vCPU-Hours', 'CPUCredits'];

/**
 * AWS_EMISSIONS_FACTORS_METRIC_TON_PER_KWH: metric tonnes CO2e per kWh, static (CCF uses it whenever
 * no Electricity Maps token is configured). Any other region, '' and 'global' included, gets 'Unknown'.
 */
export const CCF_EMISSIONS_FACTORS: Readonly<Record<string, number>> = {
  'us-east-1': 0.000379069, 'us-east-2': 0.000410608, 'us-west-1': 0.000322167, 'us-west-2': 0.000322167,
  'us-gov-east-1': 0.000379069, 'us-gov-west-1': 0.000322167, 'af-south-1': 0.0009006, 'ap-east-1': 0.00071,
  'ap-south-1': 0.0007082, 'ap-northeast-3': 0.0004658, 'ap-northeast-2': 0.0004156, 'ap-southeast-1': 0.000408,
  'ap-southeast-2': 0.00076, 'ap-southeast-3': 0.0007177, 'ap-northeast-1': 0.0004658, 'ca-central-1': 0.00012,
  'cn-north-1': 0.0005374, 'cn-northwest-1': 0.0005374, 'eu-central-1': 0.000311, 'eu-west-1': 0.0002786,
  'eu-west-2': 0.000225, 'eu-south-1': 0.0002134, 'eu-west-3': 0.0000511, 'eu-north-1': 0.0000088,
  'me-south-1': 0.0005059, 'me-central-1': 0.0004041, 'sa-east-1': 0.0000617,
};
export const CCF_UNKNOWN_REGION_FACTOR = 0.00039278188;

/** How a replication rule tests the usage type: `includes`, or CCF's word-bounded `containsAny` regex. */
export interface ReplicationRule {
  readonly test: 'includes' | 'word';
  readonly any: readonly string[];
  readonly factor: number;
}

/**
 * AWS_REPLICATION_FACTORS_FOR_SERVICES: first matching rule wins, else `otherwise`; services not listed
 * get 1. The factor multiplies compute, GPU, memory and storage energy (not networking, not embodied).
 */
export const CCF_REPLICATION: Readonly<Record<string, { readonly rules: readonly ReplicationRule[]; readonly otherwise: number }>> = {
  AmazonS3: {
    rules: [
      { test: 'word', any: ['TimedStorage-ZIA', 'EarlyDelete-ZIA', 'TimedStorage-RRS'], factor: 2 },
      { test: 'word', any: ['TimedStorage', 'EarlyDelete'], factor: 6 },
    ],
    otherwise: 1,
  },
  AmazonEC2: { rules: [{ test: 'includes', any: ['VolumeUsage'], factor: 2 }, { test: 'includes', any: ['SnapshotUsage'], factor: 3 }], otherwise: 1 },
  AmazonEFS: { rules: [{ test: 'includes', any: ['ZIA'], factor: 2 }], otherwise: 3 },
  AmazonRDS: {
    rules: [
      { test: 'includes', any: ['BackupUsage'], factor: 3 },
      { test: 'includes', any: ['Aurora'], factor: 6 },
      { test: 'includes', any: ['Multi-AZ'], factor: 2 },
    ],
    otherwise: 1,
  },
  AmazonDocDB: { rules: [{ test: 'includes', any: ['BackupUsage'], factor: 3 }], otherwise: 2 },
  AmazonDynamoDB: { rules: [], otherwise: 2 },
  AmazonECR: { rules: [{ test: 'includes', any: ['TimedStorage'], factor: 3 }], otherwise: 1 },
  AmazonElastiCache: { rules: [{ test: 'includes', any: ['BackupUsage'], factor: 3 }], otherwise: 1 },
  AmazonSimpleDB: { rules: [{ test: 'includes', any: ['TimedStorage'], factor: 2 }], otherwise: 1 },
};

/** MSK_INSTANCE_TYPES: vCPUs keyed by `'Kafka' + usageType.split('Kafka').pop()`. */
export const CCF_MSK_VCPUS: Readonly<Record<string, number>> = {
  'Kafka.t3.small': 2, 'Kafka.m5.large': 2, 'Kafka.m5.xlarge': 4, 'Kafka.m5.2xlarge': 8, 'Kafka.m5.4xlarge': 16,
  'Kafka.m5.8xlarge': 32, 'Kafka.m5.12xlarge': 48, 'Kafka.m5.16xlarge': 64, 'Kafka.m5.24xlarge': 96,
};

export {
  CCF_FAMILIES, CCF_PROCESSORS, CCF_UNKNOWN_PROCESSOR, ccfFamilyMemoryPerChipGb, ccfProcessorMemoryGb, ccfProcessorWatts, type CcfProcessor,
} from './tables-processors.js';
export { CCF_INSTANCE_TYPES, type CcfInstanceType } from './tables-types.js';
