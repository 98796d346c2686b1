// A real SMTP server on loopback (smtp-server) whose messages tests read back, parsed by
// mailparser. Tests can make it refuse messages for a while (a transport that is down), or
// hold a message before acknowledging it (to crash the sender at that moment).
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';

export interface ReceivedMessage {
  /** Addresses from the SMTP envelope (RCPT TO): who the server was asked to deliver to. */
  envelopeTo: string[];
  mail: ParsedMail;
  raw: string;
  key: string;
  type: string;
  messageId: string;
}

type Hook = (message: ReceivedMessage) => Promise<void> | void;

export interface Mailbox {
  url: string;
  messages: ReceivedMessage[];
  /** Refuse the next `n` attempts of each message with a temporary error (421). */
  failNextAttempts(n: number): void;
  /** Refuse every message to this address with a permanent error (550). */
  rejectAddress(address: string): void;
  /**
   * Runs after a message is read and before the server answers that it was accepted. If the
   * sender's connection is gone by then (it crashed), the message was never accepted and is
   * not kept: as with a real mail server, only an acknowledged message is delivered.
   */
  beforeAccepting(hook: Hook | null): void;
  waitFor(
    count: number,
    what?: (m: ReceivedMessage) => boolean,
    timeoutMs?: number,
  ): Promise<ReceivedMessage[]>;
  to(address: string): ReceivedMessage[];
  stop(): Promise<void>;
}

async function readStream(stream: SMTPServerDataStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startMailbox(): Promise<Mailbox> {
  const messages: ReceivedMessage[] = [];
  const rejected = new Set<string>();
  let failFirst = 0;
  const attempts = new Map<string, number>();
  let hook: Hook | null = null;
  const closed = new Set<string>();

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onClose(session) {
      closed.add(session.id);
    },
    onRcptTo(address, _session, callback) {
      if (rejected.has(address.address.toLowerCase())) {
        const err = Object.assign(new Error('No such mailbox here'), { responseCode: 550 });
        return callback(err);
      }
      callback();
    },
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback) {
      void (async () => {
        const raw = await readStream(stream);
        const mail = await simpleParser(raw);
        const key = String(mail.headers.get('x-message-key') ?? '');
        const seen = (attempts.get(key) ?? 0) + 1;
        attempts.set(key, seen);
        if (seen <= failFirst) {
          return callback(Object.assign(new Error('Try again later'), { responseCode: 421 }));
        }
        const received: ReceivedMessage = {
          envelopeTo: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
          mail,
          raw,
          key,
          type: String(mail.headers.get('x-message-type') ?? ''),
          messageId: mail.messageId ?? '',
        };
        if (hook) await hook(received);
        if (closed.has(session.id)) return; // the sender is gone: nothing was accepted
        messages.push(received);
        callback();
      })().catch((err: Error) => callback(err));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  server.on('error', () => {}); // a sender killed mid-message is expected in some tests
  const { port } = (server as unknown as { server: { address(): { port: number } } }).server.address();

  const mailbox: Mailbox = {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    failNextAttempts: (n) => (failFirst = n),
    rejectAddress: (address) => rejected.add(address.toLowerCase()),
    beforeAccepting: (h) => (hook = h),
    async waitFor(count, what = () => true, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = messages.filter(what);
        if (found.length >= count) return found;
        if (Date.now() > deadline)
          throw new Error(
            `Expected ${count} messages, got ${found.length}: ${found.map((m) => m.type).join(', ')}`,
          );
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    to: (address) => messages.filter((m) => m.envelopeTo.includes(address.toLowerCase())),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  return mailbox;
}
