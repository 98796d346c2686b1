// One-click unsubscribe from reminders, without signing in: the link in each reminder
// carries a signed token naming whose preference it is. GET and POST (RFC 8058's one-click,
// which mail programs send) both turn reminders off; the page offers to turn them back on.
// Messages the charters require (meetings, papers, feedback, reports) still come.
import { Controller, Get, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { DataSource } from 'typeorm';
import {
  MessagePreferences,
  messageLinkSecret,
  readUnsubscribeToken,
  unsubscribePath,
} from '../../../../libs/messages/src';
import { DATA_SOURCE } from '../infrastructure/infrastructure.module';

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en-GB">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(title)} – Co-production service</title>
<style>body{font-family:Helvetica,Arial,sans-serif;color:#0b0c0c;margin:0}header{background:#0b0c0c;color:#fff;padding:15px 20px;font-weight:700;font-size:24px}main{max-width:640px;padding:30px 20px;font-size:19px;line-height:1.3}h1{font-size:36px}button{font-size:19px;padding:8px 12px;background:#00703c;color:#fff;border:0;box-shadow:0 2px 0 #002d18;cursor:pointer}</style>
</head>
<body><header>Co-production service</header><main id="main-content"><h1>${escape(title)}</h1>${body}</main></body>
</html>`;
}

@Controller('messages/unsubscribe')
export class UnsubscribeController {
  private readonly preferences: MessagePreferences;
  private readonly secret = messageLinkSecret();

  constructor(@Inject(DATA_SOURCE) dataSource: DataSource) {
    this.preferences = new MessagePreferences(dataSource);
  }

  private async set(token: string, off: boolean, reply: FastifyReply) {
    const ref = readUnsubscribeToken(token, this.secret);
    reply.type('text/html; charset=utf-8');
    if (!ref)
      return reply
        .status(404)
        .send(
          page(
            'This link does not work',
            '<p>The link may have been copied only in part. Use the link at the foot of a reminder email, or ask the project lead.</p>',
          ),
        );
    await this.preferences.setRemindersOff(ref, off);
    const action = `${unsubscribePath(token)}${off ? '/undo' : ''}`;
    return reply.send(
      off
        ? page(
            'You will not get reminders any more',
            `<p>We will still tell you about meetings, papers, feedback and reports, as the charter promises.</p>
<form method="post" action="${escape(action)}"><button type="submit">Turn reminders back on</button></form>`,
          )
        : page(
            'Reminders are on again',
            `<form method="post" action="${escape(action)}"><button type="submit">Stop reminders</button></form>`,
          ),
    );
  }

  @Get(':token')
  async unsubscribeByLink(@Param('token') token: string, @Res() reply: FastifyReply) {
    return this.set(token, true, reply);
  }

  @Post(':token')
  @HttpCode(200)
  async unsubscribeOneClick(@Param('token') token: string, @Res() reply: FastifyReply) {
    return this.set(token, true, reply);
  }

  @Post(':token/undo')
  @HttpCode(200)
  async resubscribe(@Param('token') token: string, @Res() reply: FastifyReply) {
    return this.set(token, false, reply);
  }
}
