// Plain-English checks for text written for parent carers.
export * from './abbreviations';
export * from './plural';
export * from './words';
