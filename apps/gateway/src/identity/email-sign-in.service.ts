// Parent carers and young people sign in with a one-time link sent by email (no passwords):
// a link asked for on the sign-in page (15 minutes), or the one in their invitation (it
// also links them to the participant they were added as). Links are used once and stored
// hashed (libs/messages SignInLinks); requests are counted per address and per IP.
import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { DomainError } from '../../../../libs/domain/src/errors';
import type { ProjectState } from '../../../../libs/domain/src/project-state';
import { EventStore } from '../../../../libs/event-store/src';
import {
  DeliveryError,
  messageKey,
  messagesConfigFromEnv,
  Messenger,
  SIGN_IN_LINK_MINUTES,
  signInLinkPath,
  SignInLinks,
  type UsedLink,
} from '../../../../libs/messages/src';
import { DATA_SOURCE } from '../infrastructure/infrastructure.module';
import { ProjectCommandsService } from '../projects/project-commands.service';
import { PeopleStore, normaliseEmail, type Person } from './people.store';
import { addressKey, RateLimits } from './rate-limits';

/** At most this many link requests per address, and per IP, in each window. */
export const LINK_REQUEST_LIMITS = { perAddress: 3, perIp: 20, windowMinutes: 15 };

export type LinkRequest = 'sent' | 'too-many';

export type FollowedLink =
  | { person: Person; projectId: string | null }
  | { problem: Exclude<UsedLink, { link: unknown }>['problem'] | 'no-account' };

const SEND_ATTEMPTS = 3;

@Injectable()
export class EmailSignInService implements OnApplicationShutdown {
  private readonly logger = new Logger(EmailSignInService.name);
  private readonly links: SignInLinks;
  private readonly limits: RateLimits;
  private readonly messenger: Messenger | null;

  constructor(
    @Inject(DATA_SOURCE) db: DataSource,
    private readonly people: PeopleStore,
    private readonly store: EventStore,
    private readonly commands: ProjectCommandsService,
  ) {
    this.links = new SignInLinks(db);
    this.limits = new RateLimits(db);
    const config = messagesConfigFromEnv();
    this.messenger = config ? new Messenger(db, config) : null;
  }

  /**
   * Someone asks for a link for this address. The answer is the same whether or not the
   * address is known: the person is looked up and the link sent after answering.
   */
  async request(emailInput: string, ip: string): Promise<LinkRequest> {
    const email = normaliseEmail(emailInput);
    const { perAddress, perIp, windowMinutes } = LINK_REQUEST_LIMITS;
    const allowed = await this.limits.allow(
      { key: addressKey('sign-in-link', email), max: perAddress, windowMinutes },
      { key: `sign-in-link-ip:${ip}`, max: perIp, windowMinutes },
    );
    if (!allowed) return 'too-many';
    void this.sendLink(email).catch((err: Error) =>
      this.logger.warn(`A sign-in link could not be sent: ${err.message}`),
    );
    return 'sent';
  }

  private async sendLink(email: string): Promise<void> {
    const person = await this.people.byEmail(email);
    if (!person) return;
    if (!this.messenger) throw new Error('no way to send messages is set up (SMTP_URL or NOTIFY_API_KEY)');
    const token = await this.links.create({
      email,
      purpose: 'SIGN_IN',
      projectId: null,
      participantId: null,
    });
    const message = {
      key: messageKey('sign-in', randomUUID(), 'signInLink', person.id),
      type: 'signInLink' as const,
      projectId: null,
      recipient: { kind: 'email' as const, email },
      params: { signInUrl: signInLinkPath(token), validForMinutes: SIGN_IN_LINK_MINUTES },
    };
    for (let attempt = 1; ; attempt++) {
      try {
        await this.messenger.send(message, { lastAttempt: attempt === SEND_ATTEMPTS });
        return;
      } catch (err) {
        if (!(err instanceof DeliveryError) || attempt === SEND_ATTEMPTS) throw err;
        await new Promise((resolve) => setTimeout(resolve, 1000 * attempt));
      }
    }
  }

  /**
   * Uses the link once. A sign-in link signs in the person with its address; an invitation
   * link also makes a person for the address if there is none, and links them to the
   * participant they were invited as (the project's linkParticipant step, by invitation).
   */
  async follow(token: string): Promise<FollowedLink> {
    const used = await this.links.use(token);
    if ('problem' in used) return used;
    const { link } = used;
    if (link.purpose === 'SIGN_IN') {
      const person = await this.people.byEmail(link.email);
      return person ? { person, projectId: null } : { problem: 'no-account' };
    }
    const project = link.projectId ? await this.store.getProject(link.projectId) : null;
    const participant = project?.participants.find((p) => p.id === link.participantId);
    if (!project || !participant) return { problem: 'expired' };
    const person = await this.people.ensure({ displayName: participant.displayName, email: link.email });
    if (participant.personId === null) await this.linkByInvitation(project, participant.id, person);
    return { person, projectId: project.id };
  }

  /**
   * The project's linkParticipant step, taken by the invited person. Where the project
   * refuses it (closed, or they already take part in that role) they are still signed in.
   */
  private async linkByInvitation(project: ProjectState, participantId: string, person: Person) {
    const actor = await this.people.actorOf(person);
    try {
      await this.commands.step(
        project.id,
        { type: 'linkParticipant', participantId, personId: person.id, byInvitation: true },
        actor,
      );
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      this.logger.warn(`An invitation was followed but not linked: ${err.message}`);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.messenger?.close();
  }
}
