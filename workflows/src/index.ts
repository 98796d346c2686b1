// The workflow bundle's entry point: every workflow the worker registers.
export { charterReminders } from './charter-reminders.workflow';
export { coproductionProject } from './coproduction-project.workflow';
