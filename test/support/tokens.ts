// Tokens for tests, signed as the gateway expects (HS256 with AUTH_JWT_SECRET).
import jwt from 'jsonwebtoken';
import { testEnv } from './env';

export interface TokenClaims {
  sub: string;
  name?: string;
  roles: string[];
  charters: string[];
}

export function tokenFor(claims: TokenClaims, secret = testEnv().jwtSecret): string {
  return jwt.sign({ name: claims.sub, ...claims }, secret, { algorithm: 'HS256', expiresIn: '1h' });
}
