// A form sent without its token (an old tab, or another site posting here): refused with a
// page that says what to do.
import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { FormTokenRefused } from '../session/csrf.guard';
import { PageRenderer } from './page-renderer';
import { sendProblemPage } from './problem-page';

@Catch(FormTokenRefused)
export class FormTokenRefusedFilter implements ExceptionFilter {
  constructor(private readonly pages: PageRenderer) {}

  catch(_refusal: FormTokenRefused, host: ArgumentsHost) {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    return sendProblemPage(
      reply,
      this.pages,
      {
        title: 'This form has expired',
        lines: [
          'We could not accept this form because it was not sent from a page of this service, or the page was open for too long.',
          'Nothing was changed. Go back, reload the page and try again.',
        ],
        link: { href: '/projects', text: 'Go to your projects' },
      },
      403,
    );
  }
}
