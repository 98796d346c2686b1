// Port checks: fail early and plainly when a port is taken, and find free ports for tests.

import net from 'node:net';
import { fail } from './ui.mjs';

function canListen(port, host) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

function somethingAnswers(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    const done = (answer) => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** True when nothing listens on `port` (checked both by binding and by connecting). */
export async function isPortFree(port) {
  return (
    (await canListen(port, undefined)) &&
    (await canListen(port, '127.0.0.1')) &&
    !(await somethingAnswers(port))
  );
}

/**
 * Fail with e.g. "Port 3000 is already in use (GraphQL gateway). Stop the other program or
 * set PORT=3001." `fix` replaces the advice after the first sentence.
 */
export async function assertPortFree(port, what, fix = 'Stop the other program.') {
  if (!(await isPortFree(port))) fail(`Port ${port} is already in use (${what}). ${fix}`);
}

/** A port the OS says is free right now on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Read a port number from an environment variable, failing plainly when it is not one. */
export function portFromEnv(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    fail(
      `${name}="${raw}" is not a port number. Use a whole number from 1 to 65535, e.g. ${name}=${fallback}.`,
    );
  }
  return port;
}
