// Test support (dev-only): imported by tests as `@pushpull/service-classifier/testing`, never by production code.
export * from './classifier-service-contract';
