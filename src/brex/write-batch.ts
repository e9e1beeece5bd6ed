/**
 * Many writes sent together: each write is a function that makes at most one Brex call through
 * the client (an action's `send`). Each is run once with its call caught instead of sent, the
 * calls go out in one paced `fetchAll` (`settleAll`: retries together, every call's own answer
 * or error), then each write is run again with its own answer, so that it reads Brex's answer as
 * if it had sent alone. A write must therefore make the same call both times and touch nothing
 * else before its call: a caller stores what must precede a request (a write-ahead record)
 * before the batch.
 */
import { BrexError } from './errors';
import type { BrexCall, Delivered, RequestSender } from './request-sender';

/** What one write of a batch gave: its value, or what it threw. */
export type Settled<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: unknown };

/** Thrown out of a write's first run, carrying the call it would have sent. */
class Caught {
  constructor(readonly call: BrexCall) {}
}

export function writeEach<T>(sender: RequestSender, writes: readonly (() => T)[]): Settled<T>[] {
  const results: Settled<T>[] = [];
  const calls = new Map<number, BrexCall>();
  writes.forEach((write, index) => {
    const caught = run(sender, write, (call) => {
      throw new Caught(call);
    });
    if (!caught.ok && caught.error instanceof Caught) calls.set(index, caught.error.call);
    else results[index] = caught;
  });
  const indexes = [...calls.keys()];
  const answers = sender.settleAll(indexes.map((index) => calls.get(index) as BrexCall));
  indexes.forEach((index, position) => {
    const sent = calls.get(index) as BrexCall;
    const answer = answers[position] as Delivered | BrexError;
    let answered = false;
    results[index] = run(sender, writes[index] as () => T, (call) => {
      if (answered || !sameCall(call, sent)) {
        throw new Error(`A batched write must send one request, the same each time it runs.`);
      }
      answered = true;
      if (answer instanceof BrexError) throw answer;
      return answer;
    });
  });
  return results;
}

function run<T>(
  sender: RequestSender,
  write: () => T,
  answer: (call: BrexCall) => Delivered,
): Settled<T> {
  try {
    return { ok: true, value: sender.intercepted(answer, write) };
  } catch (error) {
    return { ok: false, error };
  }
}

/** Pure: the same operation on the same target with the same key and body. */
function sameCall(a: BrexCall, b: BrexCall): boolean {
  return (
    a.operation.id === b.operation.id &&
    a.pathId === b.pathId &&
    a.idempotencyKey === b.idempotencyKey &&
    JSON.stringify(a.body) === JSON.stringify(b.body)
  );
}
