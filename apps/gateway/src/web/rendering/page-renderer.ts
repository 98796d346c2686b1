// Renders pages with Nunjucks: our templates in views/, GOV.UK Frontend's own macros from
// the govuk-frontend package (imported as "govuk/components/…/macro.njk").
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Injectable } from '@nestjs/common';
import nunjucks from 'nunjucks';
import { addWordFilters } from './word-filters';

export const SERVICE_NAME = 'SEND co-production';

/** The views folder: beside this file's folder in the source tree, copied there in dist/ by the build. */
function viewsDir(): string {
  const beside = join(__dirname, '..', 'views');
  if (existsSync(beside)) return beside;
  throw new Error(`The page templates are missing from ${beside}: run npm run build.`);
}

const govukDir = join(dirname(require.resolve('govuk-frontend/package.json')), 'dist');

/** What every page template receives besides its own values. */
export interface PageFrame {
  /** The page's own title (the service name is added after it). */
  title: string;
  /** Who is signed in, for the header's links; null on public pages. */
  signedIn?: { name: string; isAdmin?: boolean; boards?: { id: string; name: string }[] } | null;
  /** The form token of the session, for every form that changes something. */
  csrfToken?: string;
  /** Refusals to show in the error summary, field first. */
  errors?: { field?: string; text: string }[];
}

@Injectable()
export class PageRenderer {
  private readonly env: nunjucks.Environment;

  constructor() {
    this.env = new nunjucks.Environment(new nunjucks.FileSystemLoader([viewsDir(), govukDir]), {
      autoescape: true,
      throwOnUndefined: false,
      trimBlocks: true,
      lstripBlocks: true,
    });
    this.env.addGlobal('serviceName', SERVICE_NAME);
    addWordFilters(this.env);
    // `errors | errorFor("email")`: the text of the refusal at that field, for its errorMessage.
    this.env.addFilter(
      'errorFor',
      (errors: PageFrame['errors'], field: string) => errors?.find((e) => e.field === field)?.text,
    );
  }

  render(template: string, values: PageFrame & Record<string, unknown>): string {
    return this.env.render(template, values);
  }
}
