import type { MethodologyProfile } from '../core/methodology.js';
import { loadFraction } from '../core/power.js';
import { factorTables, FACTORS_VERSION, sources } from '../factors/index.js';
import { coefficient } from '../factors/coefficients.js';
import { renderTable } from './format.js';

/**
 * The methodology document, generated from the code's own profile and factor tables so that it can
 * never drift from what the estimator does.
 */
export function methodologyMarkdown(profile: MethodologyProfile, options: { full?: boolean } = {}): string {
  const mem = coefficient('memory');
  const ssd = coefficient('ssd');
  const hdd = coefficient('hdd');
  const net = coefficient('network');
  const f = (u: number) => loadFraction(profile.cpuCurve, u).toFixed(3);
  const lines: string[] = [
    `# greenops methodology — profile \`${profile.id}\` ${profile.version}`,
    '',
    `${profile.title}. Factor tables version ${FACTORS_VERSION}. Every footprint row records the profile, its version and the ids of the factors it used.`,
    '',
    '## Scope',
    '',
    '- Purchased cloud services: for the customer these are GHG Protocol Scope 3 category 1; the operational part is the provider\'s Scope 2 electricity attributed to the customer, reported location-based and market-based.',
    '- Operational emissions of compute (CPU), accelerators (GPU), memory, storage and network transfer, times the data-centre PUE; embodied (manufacturing) emissions of the servers and GPUs in use, amortised over their lifetime.',
    '- Not covered: embodied emissions of storage and network equipment, provider overheads not in PUE, refrigerants, and end-user devices.',
    '',
    '## Pipeline',
    '',
    '1. A billing export (FOCUS 1.0–1.2, AWS CUR legacy or 2.0) is read inside DuckDB; each row is mapped to a canonical usage record and classified: compute, gpu, memory, storage, network, cost-only (purchases, taxes, credits, refunds, unused commitments, fees on usage counted elsewhere) or unclassified (units with no energy model). Running time may be billed in hours, minutes or seconds (an Oracle OCPU-hour is two vCPU-hours on x86, one on Arm), capacity in GB- or TB-hours, GB- or TB-months or byte-seconds (an Azure managed disk-month as its tier\'s capacity), and data moved in GB, TB or bytes; a unit with a block size ("10 Hours", "1000 GB") counts blocks. AWS lines that name an instance or storage but run nothing of their own (EBS-optimized fees, CPU credits, unused capacity reservations, early-delete fees) are cost-only; an RDS Multi-AZ instance-hour counts its standby instance; bytes a NAT gateway, load balancer or query service processes or scans are unclassified (no model of their own), not network transfer. Rows that do not parse are kept as rejected, with the column and reason: a date-time not in ISO 8601 or outside the years 2000–2099, a charge ending before it starts, a number with a decimal comma, NaN or infinity. Tags that are not a JSON object are read as none, with a warning on the file.',
    '2. Lines of one file with the same UTC day, kind of charge, resource, account, tags and billing period are stored as one record, their quantities and costs summed and their count kept; every formula below is linear in quantity and cost, so a record\'s footprint is the sum of its lines\' footprints. Rejected rows are kept one by one.',
    '3. Factors are resolved once per distinct region, instance type, GPU model and storage service, and joined to every record.',
    '4. Every row read is accounted for: read = estimated + fallback + cost-only + unclassified + rejected + superseded (rows of an earlier export of the same account and billing period). Estimated rows are priced by their own energy model with exact factors; fallback rows with a documented stand-in (the provider-average grid factor for an unknown region, the provider-average CPU for vCPU-hours, a replication factor of 1, the export\'s cost ratio, or the host alone for AWS instances whose accelerators have no power figure here: Inferentia, Trainium, FPGAs, Gaudi, video transcoders), each flagged; unclassified rows get no estimate.',
    '',
    '## Formulas',
    '',
    `- CPU: W per vCPU = Wmin + f(u) × (Wmax − Wmin), u = ${profile.cpuUtilisation} (bills carry no utilisation), curve \`${profile.cpuCurve}\` (f(0.1) = ${f(0.1)}, f(0.5) = ${f(0.5)}, f(0.9) = ${f(0.9)}). kWh = W × vCPU-hours / 1000.`,
    profile.cpuCurve === 'teads'
      ? '  The Teads curve (server power at 0/10/50/100 % load ≈ 0.12/0.32/0.75/1.02 of the 100 % figure) gives the shape; it is rescaled to pass through each architecture\'s published idle and maximum watts.'
      : '  Linear between idle and maximum, as Cloud Carbon Footprint does.',
    `- GPU: W = Widle + f(u) × (Wmax − Widle), u = ${profile.gpuUtilisation}, per GPU-hour (GPUs of GPU instance types, or GPU SKUs billed separately).`,
    `- Memory: ${mem.value} kWh per GB-hour (${mem.id}) for memory above ${profile.memoryBaselineGBPerVcpu} GB per vCPU of an instance (the SPECpower servers behind the CPU figures already include that much), or per GB-hour of memory SKUs.`,
    `- Storage: ${ssd.value} Wh per TB-hour for SSD, ${hdd.value} Wh per TB-hour for HDD, on allocated bytes times the service's replication factor. GB-months are prorated over the hours of the month they fall in.`,
    `- Network: ${net.value} kWh per GB for transfer between regions and out to the internet; inbound and intra-region transfer (between zones, through VPC endpoints or transit gateways) count zero.`,
    '- Storage media: EBS gp2/gp3/io1/io2, SSD disks, DynamoDB, EFS and Aurora storage are SSD; st1/sc1, magnetic, object storage, archives and snapshots HDD; anything else SSD. An Azure managed disk billed per disk-month counts its tier\'s capacity (P30 = 1,024 GiB).',
    '- Limitation: memory billed on its own (GCP RAM SKUs) is counted whole, while an instance\'s memory is counted above 2 GB per vCPU (the CPU figures include that much): for SKU-billed GCP VMs memory energy is on the high side by up to 2 GB-hours per vCPU-hour.',
    '- Function GB-seconds (serverless): vCPU-hours = GB-seconds / 3600 / 1.769 (one vCPU per 1,769 MB).',
    '- Energy: kWh = IT energy × PUE (per region where published, else per provider).',
    '- Location-based operational emissions: g = kWh × grid gCO2e/kWh of the region (annual average).',
    '- Market-based: location-based × (1 − carbon-free share) where the provider publishes an hourly-matched carbon-free share (Google CFE%); otherwise equal to location-based (no contractual instruments are assumed).',
    `- Embodied (SCI): M = TE × (TiR / EL) × (RR / ToR): host embodied × hours / ${profile.lifetimeHours} h × instance vCPUs / host vCPUs. An m5.24xlarge-hour (96 of 96 vCPUs) carries 48× the embodied of an m5.large-hour (2 of 96).`,
    `- Rows with no energy model of their own (unknown instance types or GPU models, units such as requests, usage lines without a quantity) are estimated from cost: kWh, g and embodied g per unit of cost (the larger of billed and effective cost, never below zero) over the rows of the same export (the files ingested together) of the same provider that are priced by their own model and not superseded, with a ${profile.costRatioBand.low}–${profile.costRatioBand.high}× band, and flagged. With no such row in the export, they get no estimate (status unclassified, flag cost_ratio_unavailable).`,
    '',
    '## Uncertainty',
    '',
    `Every factor carries a multiplicative band. Utilisation is varied over ${profile.cpuUtilisationRange.join('–')} (CPU) and ${profile.gpuUtilisationRange.join('–')} (GPU). A row's band combines its factors' bands in quadrature in log space (independent, log-normal errors); sums over rows add lows and highs, because rows share the same factors and their errors are correlated. Intervals are indicative, not statistical confidence intervals.`,
    '',
    '## Factor tables',
    '',
    renderTable(factorTables.map((t) => ({ table: t.kind, rows: t.rows().length, what: t.title }))),
    '',
    '## Sources',
    '',
    ...sources.map((s) => `- \`${s.id}\`: ${s.title}, ${s.publisher}, ${s.year}${s.url ? `. ${s.url}` : ''}${s.license ? ` (${s.license})` : ''}`),
    '',
    '## Limitations',
    '',
    '- Annual average grid factors hide hourly variation; hourly signals come with the grid-signal providers.',
    '- Utilisation is assumed, not measured; measured jobs (`greenops track`) replace the assumption.',
    '- Instance-to-host mapping, per-vCPU coefficients and embodied figures come from public datasets and may not match the exact hardware a provider used.',
    '- Cost-ratio estimates inherit the pricing of the export they come from; they are flagged on every row.',
  ];
  if (options.full) {
    for (const t of factorTables) {
      lines.push('', `## Table: ${t.kind}`, '', t.title, '', renderTable(t.rows()));
    }
  }
  return lines.join('\n');
}
