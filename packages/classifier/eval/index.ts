export * from './classify-corpus';
export * from './corpus-event';
export * from './corpus-item';
export * from './corpus-label';
export * from './group-by';
export * from './load-corpus';
