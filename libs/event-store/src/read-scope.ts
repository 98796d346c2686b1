// Who may read a project, as SQL on the projects read model (CONTRACT.md "Authorization").
import type { Where } from './sql';

/** Who reads: a project is readable if they take part in it, or by their charters' roles. */
export interface ReadScope {
  personId: string;
  /** Charters the reader belongs to: they read the PUBLIC projects of these. */
  charterIds: readonly string[];
  /** Charters where the reader is BOARD or FORUM: they read every project of these. */
  boardOrForumCharterIds: readonly string[];
}

/**
 * SQL true for a row of `projects` (alias `p`) that the reader may read: participants; BOARD
 * and FORUM in the charter; anyone in the charter for PUBLIC projects. The same rule as the
 * domain's canReadProject, kept in one place here.
 */
export function readableByScope(where: Where, scope: ReadScope, p = 'p'): string {
  return (
    `(${p}.participant_person_ids @> ARRAY[${where.param(scope.personId)}]::text[]` +
    ` OR ${p}.charter_id = ANY(${where.param([...scope.boardOrForumCharterIds])}::text[])` +
    ` OR (${p}.confidentiality = 'PUBLIC' AND ${p}.charter_id = ANY(${where.param([...scope.charterIds])}::text[])))`
  );
}
