import type { Clock } from '../brex';

/** Wall time and a blocking sleep, as Apps Script offers them. */
export const appsScriptClock: Clock = {
  now: () => Date.now(),
  sleep: (milliseconds) => Utilities.sleep(milliseconds),
};

export const newUuid = (): string => Utilities.getUuid();
