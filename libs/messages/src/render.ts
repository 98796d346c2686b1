// Turns a message and its recipient's contact into what a transport sends: subject, text
// and HTML from the message's template, the .ics file for meetings, and the unsubscribe
// link for reminders.
import { meetingCalendarFile } from './calendar-file';
import type { MessagesConfig } from './config';
import type { Contact } from './directory';
import { isReminder, type OutgoingMessage } from './message';
import { unsubscribePath, unsubscribeToken } from './preferences';
import { renderBlocks, TEMPLATES, wordsOf, type Block } from './templates';
import type { Attachment, Envelope } from './transports/transport';

type RenderConfig = Pick<MessagesConfig, 'serviceName' | 'publicBaseUrl' | 'from' | 'domain' | 'linkSecret'>;

const MEETING_TYPES = ['meetingBooked', 'meetingMoved', 'meetingCancelled'];

function footer(message: OutgoingMessage, unsubscribeUrl: string | null): Block[] {
  const about = message.params.projectTitle
    ? `You are getting this email because you take part in the project "${message.params.projectTitle}".`
    : 'You are getting this email from the co-production service.';
  return [
    { p: `${about} Please do not reply to it: nobody reads replies to this address.` },
    ...(unsubscribeUrl
      ? [
          {
            p: 'You can stop reminders like this one. You will still be told about meetings, papers and feedback.',
          },
          { link: { text: 'Stop reminders', href: unsubscribeUrl } },
        ]
      : []),
  ];
}

function calendarAttachment(message: OutgoingMessage, contact: Contact, config: RenderConfig): Attachment[] {
  if (!MEETING_TYPES.includes(message.type)) return [];
  const p = message.params;
  const content = meetingCalendarFile(
    {
      meetingId: String(p.meetingId),
      meetingTitle: String(p.meetingTitle),
      projectTitle: String(p.projectTitle),
      projectUrl: String(p.projectUrl),
      startsAt: String(p.startsAt),
      durationMinutes: Number(p.durationMinutes),
      location: String(p.location),
      sequence: Number(p.icsSequence ?? 0),
      cancelled: message.type === 'meetingCancelled',
    },
    { name: contact.name || contact.email, email: contact.email },
    config,
  );
  return [{ filename: 'meeting.ics', content, contentType: 'text/calendar; charset=utf-8' }];
}

/** Links in params are paths of the web (`/projects/…`); here they get the web's address. */
function withLinks(message: OutgoingMessage, baseUrl: string): OutgoingMessage {
  const params = { ...message.params };
  for (const [name, value] of Object.entries(params))
    if (name.endsWith('Url') && typeof value === 'string' && value.startsWith('/'))
      params[name] = `${baseUrl}${value}`;
  return { ...message, params };
}

export function renderMessage(original: OutgoingMessage, contact: Contact, config: RenderConfig): Envelope {
  const message = withLinks(original, config.publicBaseUrl);
  const template = TEMPLATES[message.type];
  const unsubscribeUrl =
    isReminder(message.type) && contact.preferenceRef
      ? `${config.publicBaseUrl}${unsubscribePath(unsubscribeToken(contact.preferenceRef, config.linkSecret))}`
      : null;
  const greeting: Block[] = contact.name ? [{ p: `Dear ${contact.name},` }] : [];
  const blocks = [...greeting, ...template.body(message.params)];
  const subject = template.subject(message.params);
  return {
    key: message.key,
    type: message.type,
    to: contact.email,
    rendered: renderBlocks(config.serviceName, subject, blocks, footer(message, unsubscribeUrl)),
    attachments: calendarAttachment(message, contact, config),
    unsubscribeUrl,
    params: message.params,
  };
}

/** The words of a message as a reader sees them (for the plain-English check in tests). */
export function messageWords(message: OutgoingMessage): string {
  return wordsOf(
    TEMPLATES[message.type].subject(message.params),
    TEMPLATES[message.type].body(message.params),
  );
}
