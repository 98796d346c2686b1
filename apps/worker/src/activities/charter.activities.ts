// The charterReminderMessages activity: who gets the charter's reminders due this month
// (memberships with the rule's role, in the product's people table), as messages to person
// ids; the sendMessage activity looks each address up as it sends.
import { findCharter } from '../../../../libs/domain/src/charters';
import { charterRemindersDue } from '../../../../libs/domain/src/charters/charter-reminders';
import { messageKey, type OutgoingMessage, type Queryable } from '../../../../libs/messages/src';
import { rowsOf } from '../../../../libs/messages/src/database';
import type { CharterActivities } from '../../../../workflows/src/definitions';

export function createCharterActivities(db: Queryable): CharterActivities {
  return {
    async charterReminderMessages({ charterId, day }) {
      const charter = findCharter(charterId);
      if (!charter) return [];
      const messages: OutgoingMessage[] = [];
      for (const due of charterRemindersDue(charter, day)) {
        const members = await rowsOf<{ personId: string }>(
          db,
          `SELECT DISTINCT m.person_id AS "personId" FROM memberships m JOIN people p ON p.id = m.person_id
           WHERE m.charter_id = $1 AND m.role = $2 AND p.email IS NOT NULL ORDER BY 1`,
          [charterId, due.role],
        );
        for (const { personId } of members)
          messages.push({
            // Once per person and due date: a retried or repeated run sends nothing twice.
            key: messageKey(`charter-${charterId}`, due.dueOn, due.type, personId),
            type: due.type,
            projectId: null,
            recipient: { kind: 'person', personId },
            params: {
              charterName: charter.name,
              dueOn: due.dueOn,
              everyMonths: due.everyMonths,
              rule: due.source,
              url: due.type === 'boardReportReminder' ? `/boards/${charterId}/report` : `/`,
            },
          });
      }
      return messages;
    },
  };
}
