/**
 * The default tag keys per attribution dimension, as plain data: code that needs only the defaults
 * (a command run without a config file) does not load the schema library.
 */
export type TagDimension = 'team' | 'app' | 'environment' | 'owner';

/** Which tag keys mean team, app (the application or service a charge serves), environment and owner; `required`: what coverage reports against. */
export interface Attribution {
  team: string[];
  app: string[];
  environment: string[];
  owner: string[];
  required: TagDimension[];
}

export const DEFAULT_ATTRIBUTION: Readonly<Attribution> = {
  team: ['team', 'business_unit', 'businessunit', 'cost-center', 'costcenter', 'org'],
  app: ['service', 'app', 'application', 'component'],
  environment: ['environment', 'env', 'stage'],
  owner: ['owner', 'created-by', 'createdby', 'contact'],
  required: ['team', 'environment'],
};
