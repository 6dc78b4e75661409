export * from './closed-port';
export * from './kafka-security-listeners';
export * from './private-postgres';
export * from './private-redis';
export * from './services';
export * from './tcp-proxy';
