// An address with no page: a browser gets a "Page not found" page in words, other
// clients keep Nest's JSON answer.
import { Catch, NotFoundException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PageRenderer } from './page-renderer';
import { sendProblemPage } from './problem-page';

@Catch(NotFoundException)
export class PageNotFoundFilter implements ExceptionFilter {
  constructor(private readonly pages: PageRenderer) {}

  catch(exception: NotFoundException, host: ArgumentsHost) {
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (!String(request.headers.accept ?? '').includes('text/html'))
      return reply.status(404).send(exception.getResponse());
    return sendProblemPage(
      reply,
      this.pages,
      {
        title: 'Page not found',
        lines: [
          'If you typed the web address, check it is correct.',
          'If you pasted the web address, check you copied the entire address.',
        ],
        link: { href: '/', text: 'Go to the start page' },
      },
      404,
    );
  }
}
