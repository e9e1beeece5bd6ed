/**
 * The Brex token of a dev command (`call`, `sync`): from a file (`--token-file FILE`) or the
 * BREX_TOKEN environment variable, never from the command line. A command line is visible to
 * every user of the machine (`ps`, /proc/PID/cmdline) and lands in shell history.
 */
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';

export const TOKEN_ENV = 'BREX_TOKEN';

/** The token given by `--token-file` or BREX_TOKEN, or undefined when neither is; refuses `--token`. */
export function optionalToken(flags: Readonly<Record<string, string>>): string | undefined {
  if ('token' in flags)
    throw new Error(
      `--token is not accepted: other users of this machine can read a command line. Put the token in a file readable only by you (--token-file FILE) or in ${TOKEN_ENV}.`,
    );
  const file = flags['token-file'];
  if (file !== undefined) return readTokenFile(file);
  return process.env[TOKEN_ENV]?.trim() || undefined;
}

/** As optionalToken, for a command that cannot run without one. */
export function requiredToken(flags: Readonly<Record<string, string>>): string {
  const token = optionalToken(flags);
  if (!token)
    throw new Error(
      `No token. Give --token-file FILE (a file holding only the token) or set ${TOKEN_ENV}.`,
    );
  return token;
}

function readTokenFile(file: string): string {
  if (!file) throw new Error('--token-file needs a FILE holding only the token.');
  const path = resolve(file);
  if ((statSync(path).mode & 0o077) !== 0)
    process.stderr.write(
      `Warning: ${file} can be read by other users of this machine. Run: chmod 600 ${file}\n`,
    );
  const token = readFileSync(path, 'utf8').trim();
  if (!token) throw new Error(`${file} is empty. Put the Brex token in it.`);
  return token;
}
