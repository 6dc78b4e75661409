export * from './kit/connector';
