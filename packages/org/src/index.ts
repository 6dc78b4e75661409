export * from './email-address';
export * from './format-org-csv';
export * from './identity-accounts';
export * from './org-chart';
export * from './org-row';
export * from './parse-identity-overrides';
export * from './parse-org-csv';
export * from './read-csv';
