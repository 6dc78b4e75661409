// Test support (dev-only): imported by tests as `@pushpull/connectors/testing`, never by production code.
// slack-double-harness.ts is imported by the Slack connector's tests by relative path (it needs the Slack double).
// sync-to-file.ts is a script run in a child process (github-resume.test.ts), not a module to import.
export * from './test-sync-context';
