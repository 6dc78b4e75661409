export * from './basic-auth';
export * from './dashboard-app';
export * from './dashboard-service';
export * from './ensure-admin';
export * from './leaders-report';
export * from './password-hash';
export * from './render-leaders-page';
