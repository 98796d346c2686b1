// The key that encrypts what the engine sends to Temporal (PAYLOAD_ENCRYPTION_KEY). For
// local development `npm start` makes one on its first run and keeps it under DATA_DIR, so
// the histories it wrote stay readable on the next run; elsewhere it must be given.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const KEY_FILE = 'payload-encryption.key';

/** The key from the environment, or (development only) the one kept in `dataDir`, made once. */
export function payloadKeyFor({ nodeEnv, dataDir }) {
  if (process.env.PAYLOAD_ENCRYPTION_KEY) return { key: process.env.PAYLOAD_ENCRYPTION_KEY, made: false };
  if (nodeEnv !== 'development') return null;
  const file = path.join(dataDir, KEY_FILE);
  if (fs.existsSync(file)) return { key: fs.readFileSync(file, 'utf8').trim(), made: false, file };
  fs.mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32).toString('base64');
  // Readable by this user only: whoever has it can read every project's Temporal history.
  fs.writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
  return { key, made: true, file };
}
