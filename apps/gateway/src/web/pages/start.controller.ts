// The start page (what the service is, and the way in) and the accessibility statement.
import { Controller, Get, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { PageRenderer } from '../rendering/page-renderer';
import { sendPage } from '../rendering/send-page';

@Controller()
export class StartController {
  constructor(private readonly pages: PageRenderer) {}

  @Get()
  start(@Res() reply: FastifyReply) {
    return sendPage(
      reply,
      this.pages.render('pages/start.njk', { title: 'Take part in co-produced SEND projects' }),
    );
  }

  @Get('accessibility')
  accessibility(@Res() reply: FastifyReply) {
    return sendPage(
      reply,
      this.pages.render('pages/accessibility.njk', { title: 'Accessibility statement' }),
    );
  }
}
