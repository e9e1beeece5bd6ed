/**
 * The spreadsheet's Brex connection and each person's write credential, two separate tokens.
 * The read connection lives in document properties, so that custom functions and scheduled
 * refreshes work for every editor; a read-only token is enough there, and a token any editor's
 * script can use should not be able to change Brex. A person's write credential lives in their own
 * user properties, asked for the first time they review a change, so nobody pushes with somebody
 * else's token. Tokens never leave the server: the status shows their last four characters at most.
 */
import type { BrexEnvironment, User } from '../brex';
import type { DataSetAvailability } from './availability';
import { readJson, writeJson, type KeyValuePort } from '../ports/key-value-port';
import { personName } from '../cells/person-name';

export type ConnectEnvironment = Extract<BrexEnvironment, 'production' | 'staging'>;

export interface ConnectInput {
  readonly token: string;
  readonly environment?: ConnectEnvironment;
}

export interface Connection {
  readonly token: string;
  readonly environment: ConnectEnvironment;
  readonly userName: string;
  readonly email: string;
  readonly connectedAt: string;
  /** The company's legal name, or null when the token may not read it. */
  readonly company?: string | null;
  readonly dataSets?: readonly DataSetAvailability[];
}

/** What connecting learns from Brex about a token. */
export interface TokenCheck {
  readonly me: User;
  readonly company: string | null;
  readonly dataSets: readonly DataSetAvailability[];
}

/** Plain JSON for the sidebar; never the token. */
export interface ConnectionStatus {
  readonly connected: boolean;
  readonly environment: ConnectEnvironment | null;
  readonly user: string | null;
  readonly email: string | null;
  readonly company: string | null;
  readonly tokenLast4: string | null;
  /** True when this user holds a write credential (for spend-limit pushes). */
  readonly canWrite: boolean;
  /** This user's write credential: its Brex user and last four characters, or null. */
  readonly writeCredential: {
    readonly user: string;
    readonly tokenLast4: string;
    /** The person chose the connection's own token for writing too. */
    readonly sameAsConnection: boolean;
  } | null;
  readonly connectedAt: string | null;
  /** Which data sets the token could read when it was connected. */
  readonly dataSets: readonly DataSetAvailability[];
}

export interface ConnectionStores {
  readonly document: KeyValuePort;
  readonly user: KeyValuePort;
}

const READ_KEY = 'brex.connection';
const WRITE_KEY = 'brex.writeCredential';
const ENVIRONMENTS: readonly ConnectEnvironment[] = ['production', 'staging'];

export function readConnection(document: KeyValuePort): Connection | null {
  return readJson<Connection>(document, READ_KEY);
}

/** The acting user's write credential, or null. */
export function readWriteCredential(user: KeyValuePort): Connection | null {
  return readJson<Connection>(user, WRITE_KEY);
}

/**
 * Checks the token with cheap calls (`check`: who am I, which company, which data sets it can
 * read) and stores it. A token Brex refuses is not stored; the error (which never holds the token)
 * says what to do.
 */
export function connect(
  input: ConnectInput,
  stores: ConnectionStores,
  check: (token: string, environment: ConnectEnvironment) => TokenCheck,
  now: Date,
): ConnectionStatus {
  const token = pastedToken(input?.token);
  const environment = input.environment ?? 'production';
  if (!ENVIRONMENTS.includes(environment)) {
    throw new Error(
      `Unknown Brex environment "${String(environment)}". Choose production or staging.`,
    );
  }
  const { me, company, dataSets } = check(token, environment);
  const connection: Connection = {
    token,
    environment,
    userName: personName(me),
    email: me.email,
    connectedAt: now.toISOString(),
    company,
    dataSets,
  };
  writeJson(stores.document, READ_KEY, connection);
  return connectionStatus(stores);
}

function pastedToken(value: unknown): string {
  const token = typeof value === 'string' ? value.trim() : '';
  if (!token || /\s/.test(token)) {
    throw new Error(
      'The Brex token is empty or contains spaces. Paste the token exactly as Brex shows it under Developer ▸ Settings.',
    );
  }
  return token;
}

/** A person's own token for pushing changes, or their choice to push with the connection's. */
export type WriteCredentialInput =
  | { readonly token: string; readonly sameAsConnection?: false }
  | { readonly sameAsConnection: true };

/**
 * Stores the acting user's write credential, in the connection's environment, after `check` has
 * asked Brex who the token is (a refused token is not stored). "Same as the connection" copies
 * the connection's token into this person's own properties: their explicit choice.
 */
export function saveWriteCredential(
  input: WriteCredentialInput,
  stores: ConnectionStores,
  check: (token: string, environment: ConnectEnvironment) => User,
  now: Date,
): ConnectionStatus {
  const connection = readConnection(stores.document);
  if (!connection) {
    throw new Error(
      'This spreadsheet is not connected to Brex. Connect it first, then add your write credential.',
    );
  }
  const same = input?.sameAsConnection === true;
  const token = same ? connection.token : pastedToken((input as { token?: unknown })?.token);
  const me = check(token, connection.environment);
  const credential: Connection = {
    token,
    environment: connection.environment,
    userName: personName(me),
    email: me.email,
    connectedAt: now.toISOString(),
  };
  writeJson(stores.user, WRITE_KEY, credential);
  return connectionStatus(stores);
}

/** Removes this user's write credential; the spreadsheet's connection stays. */
export function forgetWriteCredential(stores: ConnectionStores): ConnectionStatus {
  stores.user.delete(WRITE_KEY);
  return connectionStatus(stores);
}

/** Removes the spreadsheet's read connection and this user's write credential. */
export function disconnect(stores: ConnectionStores): ConnectionStatus {
  stores.document.delete(READ_KEY);
  stores.user.delete(WRITE_KEY);
  return connectionStatus(stores);
}

export function connectionStatus(stores: ConnectionStores): ConnectionStatus {
  const connection = readConnection(stores.document);
  const write = readWriteCredential(stores.user);
  return {
    connected: connection !== null,
    environment: connection?.environment ?? null,
    user: connection?.userName ?? null,
    email: connection?.email ?? null,
    company: connection?.company ?? null,
    tokenLast4: connection ? connection.token.slice(-4) : null,
    canWrite: write !== null,
    writeCredential: write
      ? {
          user: write.userName,
          tokenLast4: write.token.slice(-4),
          sameAsConnection: write.token === connection?.token,
        }
      : null,
    connectedAt: connection?.connectedAt ?? null,
    dataSets: connection?.dataSets ?? [],
  };
}
