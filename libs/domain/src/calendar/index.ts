// Calendar arithmetic for the domain: London wall-clock time, calendar days, working days.
export * from './dates';
export * from './london-time';
export * from './bank-holidays';
