export * from './activity-event';
export * from './cloud-event';
export * from './errors';
export * from './identity';
export * from './ids';
export * from './labeled-event';
export * from './parse-json-bounded';
export * from './topics';
