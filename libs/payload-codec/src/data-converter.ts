// The data converter every Temporal client and worker of the engine uses: payloads
// encrypted by the codec, and failures' messages and stack traces moved into a payload so
// that they are encrypted too (they may quote what a step was given).
import type { DataConverter } from '@temporalio/common';
import { EncryptionCodec } from './encryption-codec';
import { keyRingFromEnv, type KeyRing } from './key-ring';

/** For bundleWorkflowCode: a prebuilt workflow bundle must carry the same failure converter. */
export const FAILURE_CONVERTER_PATH = require.resolve('./failure-converter');

export function encryptingDataConverter(keys: KeyRing = keyRingFromEnv()): DataConverter {
  return { payloadCodecs: [new EncryptionCodec(keys)], failureConverterPath: FAILURE_CONVERTER_PATH };
}
