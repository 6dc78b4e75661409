export * from './closed-port';
export * from './private-postgres';
export * from './private-redis';
export * from './services';
export * from './tcp-proxy';
