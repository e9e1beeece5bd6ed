/**
 * Brex expires a token nobody used for 30 to 90 days. The add-on knows when it last used Brex
 * successfully: the server records every caller's last successful call (refresh, formula, push,
 * connect); connecting and each data set's last success count too. Twenty days without any earns
 * a warning.
 */
export const IDLE_WARNING_DAYS = 20;
const DAY_MS = 86_400_000;

export function lastTokenUse(
  connectedAt: string | null,
  otherUses: ReadonlyArray<string | null>,
): Date | null {
  const times = [connectedAt, ...otherUses]
    .map((iso) => (iso ? Date.parse(iso) : NaN))
    .filter((t) => !Number.isNaN(t));
  return times.length ? new Date(Math.max(...times)) : null;
}

/** The warning to show, or null while the token has been used recently enough. */
export function tokenIdleWarning(lastUse: Date | null, now: Date): string | null {
  if (!lastUse) return null;
  const days = Math.floor((now.getTime() - lastUse.getTime()) / DAY_MS);
  if (days < IDLE_WARNING_DAYS) return null;
  return `The Brex token has not been used for ${days} days, and Brex expires tokens left idle for 30 to 90 days. Refresh now, or turn on a schedule to keep it active.`;
}
