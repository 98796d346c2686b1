// A workflow's history as Temporal stores it, without decoding: the raw protobuf bytes
// (every page), and what `temporal workflow show -o json` prints for it.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { requiredEnv } from './env';

export async function rawHistoryBytes(workflowId: string, namespace = 'default'): Promise<Buffer> {
  const connection = await Connection.connect({ address: requiredEnv('TEMPORAL_ADDRESS') });
  try {
    const pages: Buffer[] = [];
    let nextPageToken: Uint8Array | undefined;
    do {
      const page = await connection.workflowService.getWorkflowExecutionHistory({
        namespace,
        execution: { workflowId },
        nextPageToken,
      });
      pages.push(Buffer.from(temporal.api.history.v1.History.encode(page.history ?? {}).finish()));
      nextPageToken = page.nextPageToken?.length ? page.nextPageToken : undefined;
    } while (nextPageToken);
    return Buffer.concat(pages);
  } finally {
    await connection.close();
  }
}

/** A project workflow's input as Temporal stores it, in the remote codec protocol's JSON form. */
export async function startInputPayloads(
  projectId: string,
): Promise<{ metadata: Record<string, string>; data: string }[]> {
  const connection = await Connection.connect({ address: requiredEnv('TEMPORAL_ADDRESS') });
  try {
    const { history } = await connection.workflowService.getWorkflowExecutionHistory({
      namespace: 'default',
      execution: { workflowId: `project-${projectId}` },
    });
    const input = history!.events![0].workflowExecutionStartedEventAttributes!.input!.payloads!;
    return input.map((p) => ({
      metadata: Object.fromEntries(
        Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
      ),
      data: Buffer.from(p.data!).toString('base64'),
    }));
  } finally {
    await connection.close();
  }
}

/** The CLI's JSON of the history; with `codec`, decoded by that endpoint with that token. */
export async function workflowShowJson(
  workflowId: string,
  codec?: { endpoint: string; token: string },
  namespace = 'default',
): Promise<string> {
  const codecArgs = codec
    ? ['--codec-endpoint', codec.endpoint, '--codec-auth', `Bearer ${codec.token}`]
    : [];
  const { stdout } = await promisify(execFile)(
    requiredEnv('TEMPORAL_CLI_PATH'),
    [
      ...codecArgs,
      'workflow',
      'show',
      '-o',
      'json',
      '--address',
      requiredEnv('TEMPORAL_ADDRESS'),
      '--namespace',
      namespace,
      '--workflow-id',
      workflowId,
    ],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  return stdout;
}

/** The steps sent to a workflow, as its history's accepted Updates hold them (decoded JSON). */
export function updateRequestsOf(decodedShowJson: string): { name: string; args: any[] }[] {
  const events = JSON.parse(decodedShowJson).events as any[];
  return events
    .map((e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input)
    .filter(Boolean)
    .map((input) => ({
      name: input.name as string,
      args: ((input.args?.payloads ?? []) as { data?: string }[]).map((p) =>
        JSON.parse(Buffer.from(p.data ?? '', 'base64').toString('utf8') || 'null'),
      ),
    }));
}

/**
 * Where `text` appears in `haystack`: as it is, and in the base64 forms a JSON rendering of
 * payload bytes would take (at each of the three alignments), so encoded copies count too.
 */
export function findsText(haystack: string | Buffer, text: string): boolean {
  const bytes = Buffer.from(haystack);
  if (bytes.includes(Buffer.from(text, 'utf8'))) return true;
  const asText = bytes.toString('utf8');
  for (let shift = 0; shift < 3; shift++) {
    const encoded = Buffer.concat([Buffer.alloc(shift), Buffer.from(text, 'utf8')]).toString('base64');
    // Drop the characters that depend on the padding or on the neighbouring bytes.
    const core = encoded.slice(shift === 0 ? 0 : 4, encoded.length - 4);
    if (core.length >= 8 && asText.includes(core)) return true;
  }
  return false;
}
