/** Session: who runs the code, as far as the auth mode lets the code know. */
import { createHash } from 'node:crypto';
import { op, remote, type ServiceTable } from './host';

export function createSessionService(scriptTimeZone: string): ServiceTable {
  return {
    // Outside FULL mode Apps Script hides the user's identity: the email is empty.
    'Session.getActiveUser': op('free', (x) =>
      remote('User', { email: x.authMode === 'FULL' ? x.activeUser : '' }),
    ),
    'Session.getEffectiveUser': op('free', (x) =>
      remote('User', { email: x.authMode === 'FULL' ? x.user : '' }),
    ),
    'Session.getScriptTimeZone': op('free', () => scriptTimeZone),
    'Session.getActiveUserLocale': op('free', () => 'en'),
    'Session.getTemporaryActiveUserKey': op('free', (x) =>
      createHash('sha256').update(`${x.activeUser}:brex-local`).digest('base64url').slice(0, 32),
    ),
  };
}
