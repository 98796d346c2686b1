// Charter profiles (one per seed), their rules, and the meeting-time checks they drive.
export * from './types';
export * from './school-holidays';
export * from './rules';
export * from './profiles';
export * from './meeting-rules';
