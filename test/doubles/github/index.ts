export * from './github-double';
export * from './recorded-repo';
