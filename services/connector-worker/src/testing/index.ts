// Test support (dev-only): imported by tests as `@pushpull/service-connector-worker/testing`, never by production code.
export * from './scheduler-contract';
