/**
 * The spreadsheet's Brex connection. The read connection lives in document properties, so that
 * custom functions and scheduled refreshes work for every editor; the acting user's write
 * credential lives in their own user properties, so nobody pushes with somebody else's token.
 * The token never leaves the server: the status shows its last four characters at most.
 */
import type { BrexEnvironment, User } from '../brex';
import type { DataSetAvailability } from './availability';
import { readJson, writeJson, type KeyValuePort } from './key-value-port';
import { personName } from './person-name';

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
  const token = typeof input?.token === 'string' ? input.token.trim() : '';
  if (!token || /\s/.test(token)) {
    throw new Error(
      'The Brex token is empty or contains spaces. Paste the token exactly as Brex shows it under Developer ▸ Settings.',
    );
  }
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
  writeJson(stores.user, WRITE_KEY, connection);
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
  return {
    connected: connection !== null,
    environment: connection?.environment ?? null,
    user: connection?.userName ?? null,
    email: connection?.email ?? null,
    company: connection?.company ?? null,
    tokenLast4: connection ? connection.token.slice(-4) : null,
    canWrite: readWriteCredential(stores.user) !== null,
    connectedAt: connection?.connectedAt ?? null,
    dataSets: connection?.dataSets ?? [],
  };
}
