import type { HttpPort, HttpRequest, HttpResponse } from '../../src/brex';
import { recordingUse } from '../../src/apps-script/token-use';

const request: HttpRequest = { url: 'https://brex.test/v2/users/me', method: 'get', headers: {} };
const answer = (status: number): HttpResponse => ({ status, headers: {}, body: '{}' });

function http(statuses: number[]): HttpPort {
  const queue = [...statuses];
  return {
    fetch: () => answer(queue.shift() ?? 500),
    fetchAll: (requests) => requests.map(() => answer(queue.shift() ?? 500)),
  };
}

describe('token-use', () => {
  describe('recordingUse', () => {
    it('records a use once, at the first successful response, however many follow', () => {
      const uses: number[] = [];
      const port = recordingUse(http([401, 200, 200, 200, 200]), () => uses.push(uses.length));

      port.fetch(request);
      const afterRefusal = uses.length;
      port.fetch(request);
      port.fetchAll([request, request, request]);

      expect([afterRefusal, uses.length]).toEqual([0, 1]);
    });

    it('records nothing when Brex refuses every call', () => {
      const uses: number[] = [];
      const port = recordingUse(http([403, 429, 500]), () => uses.push(1));

      port.fetch(request);
      port.fetchAll([request, request]);

      expect(uses).toEqual([]);
    });
  });
});
