// The co-production domain: pure TypeScript, no I/O, safe inside Temporal workflows.
export * from './vocabulary';
export * from './actor';
export * from './errors';
export * from './events';
export * from './project-state';
export * from './input-checks';
export * from './access';
export * from './confidential';
export * from './commands';
export * from './charters';
export * from './calendar';
export * from './plain-english';
