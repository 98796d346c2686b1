// The public feedback link: a lead opens the feedback window to everyone (the charters' "clear
// mechanisms" for all families, not only participants) with an address anyone can answer
// without signing in. The link's id holds the project's id and 16 random bytes, so the page
// finds the project without a lookup table and nobody can guess a link.
import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { PUBLIC_RESPONDENT, type Actor } from '../../../../libs/domain/src/actor';
import { FEEDBACK_LINK_ID } from '../../../../libs/domain/src/commands';
import { DomainError } from '../../../../libs/domain/src/errors';
import type { ProjectState } from '../../../../libs/domain/src/project-state';
import type { FeedbackChannel } from '../../../../libs/domain/src/vocabulary';
import { EventStore } from '../../../../libs/event-store/src';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';
import { RateLimits } from '../identity/rate-limits';
import { DATA_SOURCE } from '../infrastructure/infrastructure.module';
import { ProjectCommandsService } from './project-commands.service';
import { publicLinkPathOf } from './project.presenter';

/**
 * Answers to one link per IP address, and to one link in all, in a window: enough for a
 * family, not for a script. Per link, so a shared computer (a library, a children's centre)
 * can still answer other projects' links.
 */
export const PUBLIC_ANSWER_LIMITS = { perIp: 10, perLink: 300, windowMinutes: 60 };

const UUID_HEX = /^([0-9a-f]{8})([0-9a-f]{4})([0-9a-f]{4})([0-9a-f]{4})([0-9a-f]{12})$/;

/** A new link id for a project: its id's 16 bytes, then 16 random ones (43 URL-safe characters). */
export function newLinkId(projectId: string): string {
  const id = Buffer.from(projectId.replace(/-/g, ''), 'hex');
  if (id.length !== 16) throw new Error(`Project id ${projectId} is not a UUID`);
  return Buffer.concat([id, randomBytes(16)]).toString('base64url');
}

/** The project a link id names, or null when it is not one of ours. */
export function projectIdOfLink(linkId: string): string | null {
  if (!FEEDBACK_LINK_ID.test(linkId)) return null;
  const hex = Buffer.from(linkId, 'base64url').subarray(0, 16).toString('hex');
  const parts = UUID_HEX.exec(hex);
  return parts ? parts.slice(1).join('-') : null;
}

/** What a public page may show of the project behind an open link: nothing a participant's page hides. */
export interface OpenLink {
  linkId: string;
  projectId: string;
  title: string;
  purpose: string;
  charterId: string;
  closesAt: string;
  channel: FeedbackChannel;
}

export type PublicAnswer =
  | { outcome: 'received'; feedbackId: string }
  | { outcome: 'too-many' }
  | { outcome: 'refused'; error: DomainError };

@Injectable()
export class PublicFeedbackService {
  private readonly limits: RateLimits;

  constructor(
    private readonly store: EventStore,
    private readonly commands: ProjectCommandsService,
    @Inject(DATA_SOURCE) db: DataSource,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {
    this.limits = new RateLimits(db);
  }

  /** The address to share for a project's published link, or null when it has none. */
  urlOf(state: ProjectState): string | null {
    const path = publicLinkPathOf(state);
    return path ? `${this.config.publicUrl}${path}` : null;
  }

  /** The lead publishes the open window's link, answered through `channel`. */
  publish(projectId: string, channel: FeedbackChannel, actor: Actor) {
    const command = { type: 'publishFeedbackLink' as const, linkId: newLinkId(projectId), channel };
    return this.commands.step(projectId, command, actor);
  }

  /** The link, if it is published and its window still open; null otherwise (the page says so). */
  async open(linkId: string, now = new Date()): Promise<OpenLink | null> {
    const projectId = projectIdOfLink(linkId);
    const state = projectId ? await this.store.getProject(projectId) : null;
    const window = state?.feedbackWindow;
    if (!state || state.phase !== 'FEEDBACK' || window?.publicLink?.linkId !== linkId) return null;
    if (now.getTime() >= new Date(window.closesAt).getTime()) return null;
    return {
      linkId,
      projectId: state.id,
      title: state.title,
      purpose: state.purpose,
      charterId: state.charterId,
      closesAt: window.closesAt,
      channel: window.publicLink.channel,
    };
  }

  /**
   * An answer from someone not signed in: counted against the limits first, then the
   * project's submitFeedback step as PUBLIC_RESPONDENT. A reply address, if given, is kept
   * apart from the item (as for anonymous feedback) for the lead's acknowledgement.
   */
  async answer(link: OpenLink, body: string, replyTo: string, ip: string): Promise<PublicAnswer> {
    const { perIp, perLink, windowMinutes } = PUBLIC_ANSWER_LIMITS;
    try {
      // A mistyped address is refused before it counts against the limits.
      this.commands.replyAddressOf(true, replyTo);
      const allowed = await this.limits.allow(
        { key: `public-feedback-ip:${ip}:${link.linkId}`, max: perIp, windowMinutes },
        { key: `public-feedback-link:${link.linkId}`, max: perLink, windowMinutes },
      );
      if (!allowed) return { outcome: 'too-many' };
      const { result } = await this.commands.submitFeedback(
        link.projectId,
        { channel: link.channel, body, viaLink: link.linkId, replyTo },
        PUBLIC_RESPONDENT,
      );
      return { outcome: 'received', feedbackId: result.created.feedbackId! };
    } catch (err) {
      if (err instanceof DomainError && err.code !== 'UNAVAILABLE') return { outcome: 'refused', error: err };
      throw err;
    }
  }
}
