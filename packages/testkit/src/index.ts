export * from './services';
export * from './tcp-proxy';
