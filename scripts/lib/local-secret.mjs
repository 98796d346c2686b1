// The JWT secret used when AUTH_JWT_SECRET is not set, for local development only.
// The gateway accepts this same default only when NODE_ENV=development
// (apps/gateway/src/config.ts keeps an identical copy); anywhere else it refuses to start
// without AUTH_JWT_SECRET.
export const LOCAL_DEVELOPMENT_SECRET = 'local-development-secret-change-me';
