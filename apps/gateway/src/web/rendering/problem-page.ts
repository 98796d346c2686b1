// The one page for "this cannot be done" and "nothing here" moments: a title, a few lines in
// plain words, and where to go next.
import type { FastifyReply } from 'fastify';
import type { PageRenderer } from './page-renderer';
import { sendPage } from './send-page';

export interface Problem {
  title: string;
  lines: string[];
  link?: { href: string; text: string };
  /** The page frame (header, sign-out form) where the request has one. */
  [frame: string]: unknown;
}

export function sendProblemPage(reply: FastifyReply, pages: PageRenderer, problem: Problem, status = 200) {
  return sendPage(reply, pages.render('pages/problem.njk', problem), status);
}
