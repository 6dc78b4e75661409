export * from './closed-port';
export * from './private-postgres';
export * from './services';
export * from './tcp-proxy';
