// The workflow bundle's entry point: every workflow the worker registers.
export { coproductionProject } from './coproduction-project.workflow';
