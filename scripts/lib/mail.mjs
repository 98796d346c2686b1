// Mail for `npm start` and `npm test`, unless SMTP_URL (or NOTIFY_API_KEY) says where:
// - start: MailDev from node_modules, an SMTP server with a web inbox, keeping mail in
//   DATA_DIR/mail, so a newcomer sees every message the service sends;
// - test: a plain SMTP server on loopback that accepts and discards, for the workers of
//   tests that do not read messages (tests that do start their own, test/support/mailbox.ts).

import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { createRequire } from 'node:module';
import { ROOT } from './paths.mjs';
import { startProcess } from './processes.mjs';
import { fail } from './ui.mjs';

const require = createRequire(import.meta.url);

async function waitForPort(port, exited, what) {
  let gone = false;
  exited.then(() => (gone = true));
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (gone) fail(`${what} stopped while starting: see its output above.`);
    const open = await new Promise((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  fail(`${what} did not start listening on port ${port} within 30 seconds.`);
}

/** MailDev on 127.0.0.1: SMTP on `smtpPort`, the inbox on `webPort`. */
export async function startMailCatcher({ dataDir, smtpPort, webPort }) {
  const mailDir = path.join(dataDir, 'mail');
  fs.mkdirSync(mailDir, { recursive: true });
  const bin = path.join(ROOT, 'node_modules', 'maildev', 'dist', 'bin', 'maildev.js');
  const args = [bin, '--smtp', String(smtpPort), '--web', String(webPort), '--ip', '127.0.0.1'];
  args.push('--web-ip', '127.0.0.1', '--mail-directory', mailDir);
  const proc = startProcess(process.execPath, args, { prefix: '[mail] ' });
  await waitForPort(smtpPort, proc.exited, 'The mail catcher (MailDev)');
  await waitForPort(webPort, proc.exited, 'The mail inbox (MailDev)');
  return {
    ...proc,
    smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
    inboxUrl: `http://127.0.0.1:${webPort}/`,
  };
}

/** An SMTP server on a free loopback port that accepts every message and keeps none. */
export async function startMailSink() {
  const { SMTPServer } = require('smtp-server');
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      stream.on('end', () => callback());
      stream.resume();
    },
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.server.address();
  return {
    smtpUrl: `smtp://127.0.0.1:${port}`,
    stop: () => new Promise((resolve) => server.close(resolve)),
  };
}
