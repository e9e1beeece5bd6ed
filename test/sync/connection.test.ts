import { connect, connectionStatus, disconnect, readConnection } from '../../src/sync/connection';
import { MemoryStore } from './support/memory-store';

const TOKEN = 'bxt_secret_token_abcd';
const me = { id: 'u1', first_name: 'Ada', last_name: 'Lovelace', email: 'ada@example.com' };
const check = () => ({ me, company: 'Analytical Engines Inc', dataSets: [] });

function stores() {
  return { document: new MemoryStore(), user: new MemoryStore() };
}

describe('connection', () => {
  it('stores the read connection for the document and the write credential for the user', () => {
    const s = stores();

    const status = connect({ token: ` ${TOKEN} `, environment: 'staging' }, s, check, new Date(0));

    expect(readConnection(s.document)?.token).toBe(TOKEN);
    expect(s.user.values.size).toBe(1);
    expect(status).toMatchObject({
      connected: true,
      environment: 'staging',
      user: 'Ada Lovelace',
      company: 'Analytical Engines Inc',
      tokenLast4: 'abcd',
      canWrite: true,
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

    const status = disconnect(s);

    expect([status.connected, status.canWrite, s.document.values.size]).toEqual([false, false, 0]);
  });
});
