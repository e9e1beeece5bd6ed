/**
 * The payment part of the write-back settings: the two-person rule (on unless turned off) and the
 * ceilings, in USD minor units. The defaults stop a typo (an extra zero) and a runaway day without
 * getting in the way of an ordinary payment run; a team raises them in the settings.
 */
import type { PaymentSettings, WriteBackSettings } from '../../contract/writeback';

export const DEFAULT_PAYMENT_SETTINGS: PaymentSettings = {
  twoPersonRule: true,
  perPaymentCeiling: 5_000_000, // USD 50,000.00
  dailyAccountCeiling: 25_000_000, // USD 250,000.00
};

export function paymentSettingsOf(settings: WriteBackSettings): PaymentSettings {
  return { ...DEFAULT_PAYMENT_SETTINGS, ...(settings.payments ?? {}) };
}

/** Pure: the payment settings checked; throws naming the fix. Absent stays absent (defaults). */
export function checkPaymentSettings(
  payments: PaymentSettings | undefined,
): PaymentSettings | undefined {
  if (payments === undefined || payments === null) return undefined;
  const merged = { ...DEFAULT_PAYMENT_SETTINGS, ...payments };
  if (typeof merged.twoPersonRule !== 'boolean') {
    throw new Error('"twoPersonRule" must be true or false.');
  }
  for (const name of ['perPaymentCeiling', 'dailyAccountCeiling'] as const) {
    const value = merged[name];
    if (!Number.isSafeInteger(value) || value <= 0) {
      throw new Error(
        `The payment setting "${name}" (${String(value)}) is not usable. Give a whole, positive number of USD cents (USD 50,000.00 is 5000000).`,
      );
    }
  }
  return {
    twoPersonRule: merged.twoPersonRule,
    perPaymentCeiling: merged.perPaymentCeiling,
    dailyAccountCeiling: merged.dailyAccountCeiling,
  };
}
