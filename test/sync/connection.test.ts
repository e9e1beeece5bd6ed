import {
  connect,
  connectionStatus,
  disconnect,
  forgetWriteCredential,
  readConnection,
  readWriteCredential,
  saveWriteCredential,
} from '../../src/sync/connection';
import { MemoryStore } from './support/memory-store';

const TOKEN = 'bxt_secret_token_abcd';
const me = { id: 'u1', first_name: 'Ada', last_name: 'Lovelace', email: 'ada@example.com' };
const check = () => ({ me, company: 'Analytical Engines Inc', dataSets: [] });

function stores() {
  return { document: new MemoryStore(), user: new MemoryStore() };
}

describe('connection', () => {
  it('stores the read connection for the document and no write credential', () => {
    const s = stores();

    const status = connect({ token: ` ${TOKEN} `, environment: 'staging' }, s, check, new Date(0));

    expect(readConnection(s.document)?.token).toBe(TOKEN);
    expect(s.user.values.size).toBe(0);
    expect(status).toMatchObject({
      connected: true,
      environment: 'staging',
      user: 'Ada Lovelace',
      company: 'Analytical Engines Inc',
      tokenLast4: 'abcd',
      canWrite: false,
      writeCredential: null,
    });
  });

  describe('write credential', () => {
    const WRITE = 'bxt_write_token_wxyz';
    const grace = {
      id: 'u2',
      first_name: 'Grace',
      last_name: 'Hopper',
      email: 'grace@example.com',
    };

    it("keeps a person's own token in their user properties, in the connection's environment", () => {
      const s = stores();
      connect({ token: TOKEN, environment: 'staging' }, s, check, new Date(0));
      const checked: string[] = [];

      const status = saveWriteCredential(
        { token: ` ${WRITE} ` },
        s,
        (token, environment) => {
          checked.push(`${token}@${environment}`);
          return grace;
        },
        new Date(0),
      );

      expect(checked).toEqual([`${WRITE}@staging`]);
      expect(readWriteCredential(s.user)?.token).toBe(WRITE);
      expect(readConnection(s.document)?.token).toBe(TOKEN);
      expect(status.writeCredential).toEqual({
        user: 'Grace Hopper',
        tokenLast4: 'wxyz',
        sameAsConnection: false,
      });
      expect(JSON.stringify(status)).not.toContain(WRITE);
    });

    it("uses the connection's token when the person chooses the same token", () => {
      const s = stores();
      connect({ token: TOKEN }, s, check, new Date(0));

      const status = saveWriteCredential({ sameAsConnection: true }, s, () => me, new Date(0));

      expect(readWriteCredential(s.user)?.token).toBe(TOKEN);
      expect(status).toMatchObject({
        canWrite: true,
        writeCredential: { tokenLast4: 'abcd', sameAsConnection: true },
      });
    });

    it('stores nothing when Brex refuses the token, or before the spreadsheet is connected', () => {
      const s = stores();
      const refuse = () => {
        throw new Error('Brex rejected the API token.');
      };

      expect(() => saveWriteCredential({ token: WRITE }, s, () => me, new Date(0))).toThrow(
        /Connect it first/,
      );
      connect({ token: TOKEN }, s, check, new Date(0));
      expect(() => saveWriteCredential({ token: WRITE }, s, refuse, new Date(0))).toThrow(
        /rejected/,
      );
      expect(s.user.values.size).toBe(0);
    });

    it('is forgotten on its own, the connection kept', () => {
      const s = stores();
      connect({ token: TOKEN }, s, check, new Date(0));
      saveWriteCredential({ sameAsConnection: true }, s, () => me, new Date(0));

      const status = forgetWriteCredential(s);

      expect([status.connected, status.canWrite]).toEqual([true, false]);
    });
  });

  it('never returns the token in the status', () => {
    const s = stores();
    connect({ token: TOKEN }, s, check, new Date(0));

    expect(JSON.stringify(connectionStatus(s))).not.toContain(TOKEN);
  });

  it('stores nothing when Brex refuses the token', () => {
    const s = stores();

    expect(() =>
      connect(
        { token: TOKEN },
        s,
        () => {
          throw new Error('Brex does not accept this token. Create a new one.');
        },
        new Date(0),
      ),
    ).toThrow(/Create a new one/);
    expect(connectionStatus(s).connected).toBe(false);
  });

  it('refuses an empty token with a message naming the fix', () => {
    expect(() => connect({ token: '  ' }, stores(), check, new Date(0))).toThrow(
      /Paste the token exactly as Brex shows it/,
    );
  });

  it('forgets both credentials on disconnect', () => {
    const s = stores();
    connect({ token: TOKEN }, s, check, new Date(0));
    saveWriteCredential({ sameAsConnection: true }, s, () => me, new Date(0));

    const status = disconnect(s);

    expect([status.connected, status.canWrite, s.document.values.size]).toEqual([false, false, 0]);
  });
});
