export * from './classifier-service';
