// `projectProgress(projectId)`: every event appended to the project after subscribing, in
// sequence order, each with the phase it led to. Readable by the same people as `project`.
import { Args, Context, Resolver, Subscription } from '@nestjs/graphql';
import { DomainError } from '../../../../libs/domain/src/errors';
import { assertProjectId, toGraphQLError } from '../common/app-error';
import { ProjectReadsService } from '../projects/project-reads.service';
import { ProgressHub, type ProgressStream } from './progress-hub';
import { ProjectProgress } from './progress.models';
import { presentProgress } from './progress.presenter';
import type { SubscriptionContext } from './subscription-transport';
import { ProjectIdArgs } from '../common/project-id.args';

const signInFirst = () =>
  new DomainError(
    'UNAUTHENTICATED',
    'Please sign in: send a valid token as connectionParams.authorization = "Bearer <token>" ' +
      'when opening the WebSocket connection.',
  );

// Raised inside the stream and by the field's own resolve, where Nest's filter does not
// reach: mapped here.
const signInAgain = () =>
  toGraphQLError(
    new DomainError(
      'UNAUTHENTICATED',
      'Your sign-in has expired: connect again with a new token to keep following the project.',
    ),
  );

const overWebSocketOnly = () =>
  toGraphQLError(
    new DomainError(
      'BAD_USER_INPUT',
      'Subscriptions are served over WebSocket at /graphql (protocol graphql-transport-ws), not over HTTP.',
    ),
  );

@Resolver(() => ProjectProgress)
export class ProgressResolver {
  constructor(
    private readonly hub: ProgressHub,
    private readonly reads: ProjectReadsService,
  ) {}

  @Subscription(() => ProjectProgress, {
    description: 'Each step recorded on the project from now on, in sequence order',
    resolve: (progress: Partial<ProjectProgress> | undefined) => {
      // Executed over HTTP, a subscription has no event to resolve: say where it is served.
      if (!progress?.event) throw overWebSocketOnly();
      return progress;
    },
  })
  async projectProgress(
    @Args() { projectId }: ProjectIdArgs,
    @Context() context: SubscriptionContext,
  ): Promise<ProgressStream<ProjectProgress>> {
    const actor = context.actor;
    if (!actor) throw signInFirst();
    assertProjectId(projectId);
    // Registered before the state is read: an event appended after that read is announced
    // to this stream, and the stream takes every event after the state's version.
    const stream = this.hub.open(projectId, (event, stateAfter) => presentProgress(event, stateAfter, actor));
    try {
      const state = await this.reads.readableState(projectId, actor);
      if (context.tokenExpiresAt !== null) stream.failAt(context.tokenExpiresAt, signInAgain);
      stream.begin(state);
      return stream;
    } catch (err) {
      await stream.return();
      throw err;
    }
  }
}
