export { encryptingDataConverter, FAILURE_CONVERTER_PATH } from './data-converter';
export {
  ENCRYPTED_ENCODING,
  EncryptionCodec,
  isEncrypted,
  keyIdOfPayload,
  PayloadDecryptionError,
  workflowIdOf,
} from './encryption-codec';
export { keyIdOf, keyRing, keyRingFromEnv, parseKey, type KeyRing, type PayloadKey } from './key-ring';
