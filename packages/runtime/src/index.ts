export * from './classifier-corrections';
export * from './create-logger';
export * from './open-configured-store';
export * from './open-runtime';
export * from './pipeline-metrics';
export * from './run-main';
export * from './run-service-main';
export * from './seed-label-corrections';
