export * from './serve-pipeline';
