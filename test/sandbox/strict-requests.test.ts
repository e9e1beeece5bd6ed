/**
 * Where the sandbox must be at least as strict as Brex: requests a real Brex would refuse, or
 * could apply in a way the client did not mean, are refused here too. Each case cites the Brex
 * rule it holds the sandbox to.
 */
import { type Sandbox, startSandbox } from '../../dev/sandbox';
import { at, call } from './support';

const TODAY = '2026-02-10';

describe('sandbox strictness', () => {
  let sandbox: Sandbox;

  beforeEach(async () => {
    sandbox = await startSandbox({ today: TODAY, transactions: 300 });
  });

  afterEach(() => sandbox.close());

  describe('Idempotency-Key', () => {
    // developer.brex.com/docs/idempotency: "Your application must not provide identical
    // idempotency keys for different requests." A request to another endpoint is another request;
    // Brex does not say its keys are per endpoint, and if they are not, the second write would be
    // taken for a duplicate of the first and silently not applied.
    it('refuses a key already used on another endpoint, and applies nothing', async () => {
      const [first, second] = sandbox.snapshot().spend_limits;
      const key = { 'Idempotency-Key': 'one-key-two-writes' };

      const used = await call(sandbox, sandbox.token, 'PUT', `/v2/spend_limits/${first?.id}`, {
        body: { description: 'first' },
        headers: key,
      });
      const reused = await call(sandbox, sandbox.token, 'PUT', `/v2/spend_limits/${second?.id}`, {
        body: { description: 'first' },
        headers: key,
      });
      const department = await call(sandbox, sandbox.token, 'POST', '/v2/departments', {
        body: { name: 'Key reuse' },
        headers: key,
      });

      expect(used.status).toBe(200);
      expect([reused.status, department.status]).toEqual([400, 400]);
      expect(reused.body).toEqual({
        type: 'BAD_REQUEST',
        message: expect.stringMatching(/Idempotency-Key was already used for a different request/),
      });
      expect(at(sandbox.snapshot().spend_limits, 1).description).toBe(second?.description);
      expect(sandbox.snapshot().departments.map((d) => d.name)).not.toContain('Key reuse');
    });
  });
});
