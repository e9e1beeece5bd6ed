/**
 * Write-back settings, in document properties so every editor works under the same ceiling:
 * an edit above its currency's ceiling is refused before anything is sent (a typo such as an extra
 * zero should not reach Brex). Ceilings are integer minor units per ISO code.
 */
import type { WriteBackSettings } from '../contract/writeback';
import { SETTINGS_CHANGED, type AuditEntry } from './audit-entry';
import { currencyExponent } from '../cells/currency';
import { readJson, writeJson, type KeyValuePort } from '../ports/key-value-port';
import { checkPaymentSettings } from './payments/payment-settings';

const SETTINGS_KEY = 'writeback.settings';

export const DEFAULT_SETTINGS: WriteBackSettings = { ceilings: {}, defaultCeiling: 1_000_000 };

export function getWriteBackSettings(store: KeyValuePort): WriteBackSettings {
  const saved = readJson<Partial<WriteBackSettings>>(store, SETTINGS_KEY) ?? {};
  return { ...DEFAULT_SETTINGS, ...saved };
}

/** Pure: the settings checked and cleaned; a ceiling that is not a whole positive number is refused. */
export function checkWriteBackSettings(settings: WriteBackSettings): WriteBackSettings {
  if (settings === null || typeof settings !== 'object') {
    throw new Error(
      'The write-back settings must be an object such as { "ceilings": { "USD": 1000000 }, "defaultCeiling": 1000000 }.',
    );
  }
  const ceilings: Record<string, number> = {};
  for (const [code, ceiling] of Object.entries(settings.ceilings ?? {})) {
    if (!/^[A-Za-z]{3}$/.test(code) || !Number.isSafeInteger(ceiling) || ceiling <= 0) {
      throw new Error(
        `The ceiling ${String(ceiling)} for "${code}" is not usable. Give a three-letter currency code and a whole, positive number of minor units (USD 10,000.00 is 1000000).`,
      );
    }
    ceilings[code.toUpperCase()] = ceiling;
  }
  const defaultCeiling = settings.defaultCeiling ?? DEFAULT_SETTINGS.defaultCeiling;
  if (!Number.isSafeInteger(defaultCeiling) || defaultCeiling <= 0) {
    throw new Error(
      `The default ceiling ${String(defaultCeiling)} is not usable. Give a whole, positive number of currency units.`,
    );
  }
  const payments = checkPaymentSettings(settings.payments);
  return payments ? { ceilings, defaultCeiling, payments } : { ceilings, defaultCeiling };
}

/** Checks and stores the settings. */
export function saveWriteBackSettings(
  store: KeyValuePort,
  settings: WriteBackSettings,
): WriteBackSettings {
  const clean = checkWriteBackSettings(settings);
  // Settings saved without their payment part (an older sidebar) keep the payment settings.
  const payments = clean.payments ?? getWriteBackSettings(store).payments;
  const saved = payments ? { ...clean, payments } : clean;
  writeJson(store, SETTINGS_KEY, saved);
  return saved;
}

/** Pure: the audit row of a settings change: old → new as JSON, and who made it. */
export function settingsAuditEntry(
  before: WriteBackSettings,
  after: WriteBackSettings,
  user: string,
  now = new Date(),
): AuditEntry {
  return {
    time: now.toISOString(),
    user,
    brexId: '',
    targetName: 'Write-back ceilings',
    old: JSON.stringify(before),
    new: JSON.stringify(after),
    currency: '',
    result: SETTINGS_CHANGED,
    message: 'The write-back ceilings were changed.',
    traceId: '',
    idempotencyKey: '',
    typedBy: user,
  };
}

/** Pure: the ceiling for a currency, in minor units. */
export function ceilingFor(settings: WriteBackSettings, currency: string): number {
  const code = currency.toUpperCase();
  return settings.ceilings[code] ?? settings.defaultCeiling * 10 ** currencyExponent(code);
}
