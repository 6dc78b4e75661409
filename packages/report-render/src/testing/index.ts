// Test support (dev-only): imported by tests as `@pushpull/report-render/testing`, never by production code.
export * from './test-reviews';
