// The pieces a template is written in. One list of blocks gives both parts of an email:
// plain text, and HTML in the GOV.UK email style (as GOV.UK Notify lays messages out).

export type Block =
  | { p: string }
  | { heading: string }
  | { list: string[] }
  | { inset: string }
  | { link: { text: string; href: string } };

export interface Rendered {
  subject: string;
  text: string;
  html: string;
}

export interface Template<P> {
  subject(params: P): string;
  body(params: P): Block[];
}

/** The words of a message in one string: what the plain-English check reads. */
export function wordsOf(subject: string, blocks: Block[]): string {
  return [subject, ...blocks.map(blockText)].join('\n\n');
}

function blockText(block: Block): string {
  if ('p' in block) return block.p;
  if ('heading' in block) return block.heading;
  if ('list' in block) return block.list.map((item) => `* ${item}`).join('\n');
  if ('inset' in block) return block.inset;
  return `${block.link.text}: ${block.link.href}`;
}

const escape = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const FONT = 'font-family: Helvetica, Arial, sans-serif; color: #0b0c0c;';
const P = `${FONT} font-size: 19px; line-height: 1.315789474; margin: 0 0 20px 0;`;

function blockHtml(block: Block): string {
  if ('p' in block) return `<p style="${P}">${escape(block.p).replace(/\n/g, '<br>')}</p>`;
  if ('heading' in block)
    return `<h2 style="${FONT} font-size: 27px; line-height: 1.11; font-weight: 700; margin: 0 0 15px 0;">${escape(block.heading)}</h2>`;
  if ('list' in block)
    return `<ul style="${P} padding-left: 20px;">${block.list.map((i) => `<li style="margin: 5px 0;">${escape(i)}</li>`).join('')}</ul>`;
  if ('inset' in block)
    return `<blockquote style="${P} border-left: 10px solid #b1b4b6; padding: 15px 0 0.1px 15px; margin: 0 0 20px 0;">${escape(block.inset).replace(/\n/g, '<br>')}</blockquote>`;
  return `<p style="${P}"><a href="${escape(block.link.href)}" style="color: #1d70b8;">${escape(block.link.text)}</a></p>`;
}

/** Renders blocks as the text part and the HTML part of one email. */
export function renderBlocks(
  serviceName: string,
  subject: string,
  blocks: Block[],
  footer: Block[],
): Rendered {
  const text = [...blocks, ...footer].map(blockText).join('\n\n') + '\n';
  const html = `<!DOCTYPE html>
<html lang="en-GB">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escape(subject)}</title></head>
<body style="margin: 0; padding: 0; background: #ffffff;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="border-collapse: collapse; background: #0b0c0c;">
<tr><td style="padding: 15px 20px; ${FONT} color: #ffffff; font-size: 24px; font-weight: 700;">${escape(serviceName)}</td></tr>
</table>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="border-collapse: collapse; max-width: 580px;">
<tr><td style="padding: 30px 20px 10px 20px;">
${blocks.map(blockHtml).join('\n')}
<hr style="border: 0; border-top: 1px solid #b1b4b6; margin: 30px 0 20px 0;">
${footer.map((b) => blockHtml(b).replace('font-size: 19px', 'font-size: 16px')).join('\n')}
</td></tr>
</table>
</body>
</html>
`;
  return { subject, text, html };
}
