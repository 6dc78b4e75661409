export { addUser, ROLES } from '@pushpull/service-dashboard';
export * from './pipeline-health-source';
export * from './serve-pipeline';
