export * from './closed-port';
export * from './services';
export * from './tcp-proxy';
