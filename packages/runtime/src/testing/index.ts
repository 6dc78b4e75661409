// Test support (dev-only): imported by tests as `@pushpull/runtime/testing`, never by production code.
export * from './fake-probe';
