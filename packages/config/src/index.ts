export * from './kafka-security';
export * from './parse-config';
