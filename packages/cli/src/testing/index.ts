// Test support (dev-only) for the cli's own tests, imported by relative path; never by production code.
export * from './cli-harness';
export * from './erasure-scan';
export * from './png-summary';
export * from './run-cli-in-process';
export * from './simulated-store';
