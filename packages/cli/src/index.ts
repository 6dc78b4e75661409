export * from './classify-command';
export * from './parse-activity-line';
