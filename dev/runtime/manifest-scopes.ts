/**
 * Calls the manifest's `oauthScopes` do not cover. `SpreadsheetApp.openById` and `openByUrl` need
 * the full `spreadsheets` scope; an add-on holding only `spreadsheets.currentonly` is refused them,
 * even for its own spreadsheet (a scheduled run cannot fall back to them). Without `oauthScopes`
 * Apps Script infers the scopes from the code, so nothing is refused.
 */
import { fail, type ServiceTable } from './host';
import { MESSAGES } from './limits';

const FULL_SPREADSHEETS = 'https://www.googleapis.com/auth/spreadsheets';

const NEEDS: Record<string, string> = {
  'SpreadsheetApp.openById': FULL_SPREADSHEETS,
  'SpreadsheetApp.openByUrl': FULL_SPREADSHEETS,
};

export function withManifestScopes(
  services: ServiceTable,
  oauthScopes: readonly string[] | undefined,
): ServiceTable {
  if (!oauthScopes) return services;
  const out: ServiceTable = { ...services };
  for (const [name, scope] of Object.entries(NEEDS)) {
    const operation = services[name];
    if (!operation || oauthScopes.includes(scope)) continue;
    out[name] = {
      access: operation.access,
      run: () => fail(`${MESSAGES.permission(name)}. Required permissions: ${scope}`),
    };
  }
  return out;
}
