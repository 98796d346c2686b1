// The JWT secret used when AUTH_JWT_SECRET is not set, for local development only.
// `npm start` passes it to the gateway only when NODE_ENV=development; the gateway has no
// default of its own and refuses to start without AUTH_JWT_SECRET.
export const LOCAL_DEVELOPMENT_SECRET = 'local-development-secret-change-me';
