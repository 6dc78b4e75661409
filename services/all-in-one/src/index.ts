export {
  addUser,
  checkUserInput,
  deleteUser,
  hashPassword,
  ROLES,
  type UserChangeResult,
  UserInbox,
  userInboxDir,
} from '@pushpull/service-dashboard';
export * from './pipeline-health-source';
export * from './serve-pipeline';
