export * from './create-logger';
export * from './open-runtime';
export * from './pipeline-metrics';
export * from './run-main';
export * from './run-service-main';
