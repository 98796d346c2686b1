// Decodes Temporal payloads for the Temporal UI's "codec server" setting, for a LEAD of the
// charter of the project the payload belongs to, and nobody else. Each encrypted payload
// names its workflow (project-<id>) in its clear, authenticated metadata; the project says
// its charter. A payload that names no project is decoded for nobody.
import { Inject, Injectable } from '@nestjs/common';
import type { Payload } from '@temporalio/common';
import type { Actor } from '../../../../libs/domain/src/actor';
import { badInput, DomainError, forbidden } from '../../../../libs/domain/src/errors';
import { EventStore } from '../../../../libs/event-store/src';
import { EncryptionCodec, isEncrypted, workflowIdOf } from '../../../../libs/payload-codec/src';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';

/** A payload as the codec protocol sends it: protobuf's JSON form (bytes in base64). */
export interface JsonPayload {
  metadata?: Record<string, string> | null;
  data?: string | null;
}

const PROJECT_WORKFLOW = /^project-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;
const MAX_PAYLOADS = 1000;

function fromJson(json: JsonPayload, index: number): Payload {
  const field = `payloads[${index}]`;
  if (typeof json !== 'object' || json === null) throw badInput(field, 'Each payload must be an object.');
  const metadata: Record<string, Uint8Array> = {};
  for (const [key, value] of Object.entries(json.metadata ?? {})) {
    if (typeof value !== 'string')
      throw badInput(`${field}.metadata`, 'Metadata values must be base64 text.');
    metadata[key] = Buffer.from(value, 'base64');
  }
  if (json.data !== undefined && json.data !== null && typeof json.data !== 'string')
    throw badInput(`${field}.data`, 'The data must be base64 text.');
  return { metadata, data: Buffer.from(json.data ?? '', 'base64') };
}

function toJson(payload: Payload): JsonPayload {
  const metadata: Record<string, string> = {};
  for (const [key, value] of Object.entries(payload.metadata ?? {}))
    metadata[key] = Buffer.from(value).toString('base64');
  return { metadata, data: Buffer.from(payload.data ?? new Uint8Array()).toString('base64') };
}

@Injectable()
export class CodecService {
  private readonly codec: EncryptionCodec;

  constructor(
    private readonly store: EventStore,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {
    this.codec = new EncryptionCodec(config.payloadKeys);
  }

  /** The payloads decoded, or a refusal for the whole request when any is not the caller's to read. */
  async decode(
    actor: Actor,
    body: unknown,
    namespace: string | undefined,
  ): Promise<{ payloads: JsonPayload[] }> {
    if (namespace && namespace !== this.config.namespace)
      throw forbidden(
        `This codec decodes the "${this.config.namespace}" namespace only, not "${namespace}".`,
      );
    // Protobuf's JSON leaves an empty list out: {} is no payloads (the temporal CLI sends it).
    if (typeof body !== 'object' || body === null)
      throw badInput('payloads', 'Send {"payloads": [...]} as JSON.');
    const list = (body as { payloads?: unknown }).payloads ?? [];
    if (!Array.isArray(list)) throw badInput('payloads', 'Send {"payloads": [...]} as JSON.');
    if (list.length > MAX_PAYLOADS)
      throw badInput('payloads', `Send at most ${MAX_PAYLOADS} payloads at once.`);
    const payloads = list.map((p, i) => fromJson(p as JsonPayload, i));
    await this.authorise(actor, payloads);
    return { payloads: payloads.map((p) => toJson(this.codec.decrypt(p))) };
  }

  private async authorise(actor: Actor, payloads: Payload[]): Promise<void> {
    const projectIds = new Set<string>();
    for (const payload of payloads.filter(isEncrypted)) {
      const match = PROJECT_WORKFLOW.exec(workflowIdOf(payload) ?? '');
      if (!match)
        throw forbidden('One of these payloads belongs to no project, so it is decoded for nobody.');
      projectIds.add(match[1]);
    }
    if (projectIds.size === 0) return;
    if (!actor.roles.includes('LEAD'))
      throw forbidden("Only a lead of the project's charter can read its Temporal history.");
    const projects = await this.store.getProjects([...projectIds]);
    for (const id of projectIds) {
      const project = projects.find((p) => p.id === id);
      if (!project || !actor.charters.includes(project.charterId))
        throw forbidden("Only a lead of the project's charter can read its Temporal history.");
    }
  }
}

export const isRefusal = (err: unknown): err is DomainError => err instanceof DomainError;
