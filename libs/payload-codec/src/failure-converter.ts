// Loaded by path (the workflow bundle needs it too): failures' messages and stack traces
// travel in a payload, so the codec encrypts them like everything else.
import { DefaultFailureConverter } from '@temporalio/common';

export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
