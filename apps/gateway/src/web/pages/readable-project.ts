// The one way a page gets its project: through the read service (so the resolvers' rules
// of who may read it), and for anyone else the site's "Page not found" (PageNotFoundFilter),
// so a page never says whether a project exists.
import { NotFoundException } from '@nestjs/common';
import type { Actor } from '../../../../../libs/domain/src/actor';
import { DomainError } from '../../../../../libs/domain/src/errors';
import type { ProjectState } from '../../../../../libs/domain/src/project-state';
import { assertProjectId } from '../../common/app-error';
import type { ProjectReadsService } from '../../projects/project-reads.service';

export async function readableProjectOrNotFound(
  reads: ProjectReadsService,
  projectId: string,
  actor: Actor,
): Promise<ProjectState> {
  try {
    assertProjectId(projectId);
    return await reads.readableState(projectId, actor);
  } catch (err) {
    if (err instanceof DomainError && err.code === 'NOT_FOUND') throw new NotFoundException();
    throw err;
  }
}
