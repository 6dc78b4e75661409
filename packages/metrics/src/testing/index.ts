// Test support (dev-only): imported by tests as `@pushpull/metrics/testing`, never by production code.
export * from './test-counts';
