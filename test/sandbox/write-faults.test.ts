/**
 * Write faults aimed at every write's first attempts (`failWrites`, `PUT /_sandbox/write-faults`):
 * a 429 applies nothing, a 5xx after applying and a cut body apply the write once, and the next
 * request with the same Idempotency-Key goes through (a replay, for an applied write).
 */
import { type Sandbox, startSandbox } from '../../dev/sandbox';
import { call } from './support';

describe('sandbox write faults', () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await startSandbox({ today: '2026-02-10', transactions: 20 });
  });

  afterAll(() => sandbox.close());

  const create = (name: string, key: string) =>
    call(sandbox, sandbox.token, 'POST', '/v2/departments', {
      body: { name },
      headers: { 'Idempotency-Key': key },
    });
  const named = (name: string) => sandbox.snapshot().departments.filter((d) => d.name === name);

  it.each([
    ['rate429', [429, 429, 200], 0],
    ['applied5xx', [503, 503, 200], 1],
    ['lost', [200, 200, 200], 1],
  ] as const)(
    '%s on two attempts: statuses %j, applied after them: %i',
    async (kind, statuses, early) => {
      sandbox.reset();
      sandbox.failWrites(kind, 2);
      const name = `Faulted ${kind}`;
      const replies = [];
      replies.push(await create(name, 'k1'));
      const afterFirst = named(name).length;
      replies.push(await create(name, 'k1'));
      replies.push(await create(name, 'k1'));

      expect(
        replies.map((r) =>
          r.status === 503 || r.status === 502 || r.status === 500 ? 503 : r.status,
        ),
      ).toEqual(statuses);
      expect(afterFirst).toBe(early);
      expect(named(name)).toHaveLength(1);
      expect(replies[2]?.body).toMatchObject({ name });
      if (kind === 'lost') expect(replies[0]?.body).toBeUndefined();
      expect(sandbox.log.map((e) => [e.fault, e.replayed])).toEqual([
        [kind, false],
        [kind, early === 1],
        [null, early === 1],
      ]);
      // A GET is never aimed at; `null` stops the faults.
      expect((await call(sandbox, sandbox.token, 'GET', '/v2/departments')).status).toBe(200);
      sandbox.failWrites(null);
      expect((await create(`${name} 2`, 'k2')).status).toBe(200);
    },
  );
});
