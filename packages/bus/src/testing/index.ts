// Test support (dev-only): imported by tests as `@pushpull/bus/testing`, never by production code.
// kafka-member.fixture.ts is a script run in a child process (kafka-rejoin.int.test.ts), not a module to import.
export * from './bus-contract';
export * from './kafka-bus-with-logs';
export * from './read-messages';
