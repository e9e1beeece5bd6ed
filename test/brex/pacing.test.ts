/**
 * Request pacing: every request of a batch leaves when the rate limiter admits it, so no 60-s
 * window holds more than Brex's 1,000 requests, whatever the batch sizes.
 */
import { BrexClient, type HttpRequest, type HttpResponse } from '../../src/brex';
import { FakeClock, json, START, TOKEN } from './fakes';

/** Answers every request at once and notes the clock time each one left at. */
class TimedHttp {
  readonly sentAt: number[] = [];
  constructor(private readonly clock: FakeClock) {}

  fetch(request: HttpRequest): HttpResponse {
    return this.fetchAll([request])[0] as HttpResponse;
  }

  fetchAll(requests: readonly HttpRequest[]): HttpResponse[] {
    return requests.map(() => {
      this.sentAt.push(this.clock.now());
      return json(200, { monthly_limit: null, monthly_available: null });
    });
  }
}

/** The most requests sent in any 60-s window. */
function busiestMinute(times: readonly number[]): number {
  let most = 0;
  let first = 0;
  for (let last = 0; last < times.length; last += 1) {
    while ((times[last] as number) - (times[first] as number) >= 60_000) first += 1;
    most = Math.max(most, last - first + 1);
  }
  return most;
}

describe('request pacing', () => {
  it('keeps 2,500 requests in batches of any size under 1,000 in every 60-s window', () => {
    const clock = new FakeClock();
    const http = new TimedHttp(clock);
    const client = new BrexClient({ http, clock, newUuid: () => 'u', token: TOKEN });
    const sizes = [1, 1200, 7, 300, 992];

    for (const size of sizes) {
      const ids = Array.from({ length: size }, (_, i) => `cuuser_${i}`);
      expect(client.getEach('userLimit', ids)).toHaveLength(size);
    }

    expect(http.sentAt).toHaveLength(2500);
    expect(busiestMinute(http.sentAt)).toBeLessThanOrEqual(950);
  });

  it('sends a batch that fits the burst in one fetchAll, at once', () => {
    const clock = new FakeClock();
    const http = new TimedHttp(clock);
    const client = new BrexClient({ http, clock, newUuid: () => 'u', token: TOKEN });

    client.getEach('userLimit', ['a', 'b', 'c']);

    expect(http.sentAt).toEqual([START, START, START]);
  });
});
