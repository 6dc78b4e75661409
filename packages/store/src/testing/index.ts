// Test support (dev-only): imported by tests as `@pushpull/store/testing`, never by production code.
export * from './analytics-aliases';
export * from './analytics-contract';
export * from './analytics-estimates-contract';
export * from './analytics-view-names';
export * from './dictionary-examples';
export * from './login-in-role';
export * from './make-store';
export * from './org-as-of-contract';
export * from './scratch-database';
export * from './store-contract';
export * from './test-facts';
export * from './view-profiles';
