/**
 * A push, call by call. Each `pushChanges` is one Apps Script execution; a large push stops
 * before the 6-minute limit and answers "deferred" for the changes it did not start. The loop
 * then calls again with exactly those keys, never one already answered (the server never sends a
 * key twice either: its write-ahead records make a repeat a no-op), until none is deferred. A call
 * that answers nothing new stops the loop, so it cannot spin; a call that fails stops it too,
 * keeping the answers already given.
 */
import type { ChangeResult } from '../contract/writeback';
import { h } from './dom';

export interface PushRoundsOptions {
  readonly push: (keys: string[]) => Promise<ChangeResult[]>;
  /** After each call: how many of the keys have their answer. */
  readonly onProgress: (answered: number, total: number) => void;
}

export interface PushEnd {
  /** One result per key, in the order given; a key still deferred keeps its deferred result. */
  readonly results: ChangeResult[];
  /** Why the loop stopped with keys unsent; null when every key was answered. */
  readonly stopped: string | null;
}

export async function pushInRounds(
  keys: readonly string[],
  options: PushRoundsOptions,
): Promise<PushEnd> {
  const answers = new Map<string, ChangeResult>();
  let remaining = [...keys];
  while (remaining.length > 0) {
    let results: ChangeResult[];
    try {
      results = await options.push(remaining);
    } catch (error) {
      // The answers so far stay shown; the unanswered keys are pending still (or in flight,
      // which the next review shows and the next push completes with the same key).
      return {
        results: keys.flatMap((k) => answers.get(k) ?? []),
        stopped: `${(error as Error).message} ${remaining.length} of ${keys.length} changes have no answer yet: review again, then push them.`,
      };
    }
    const asked = new Set(remaining);
    const deferred: string[] = [];
    for (const result of results) {
      if (!asked.has(result.key)) continue;
      if (result.outcome === 'deferred') deferred.push(result.key);
      answers.set(result.key, result);
    }
    const answered = [...answers.values()].filter((r) => r.outcome !== 'deferred').length;
    options.onProgress(answered, keys.length);
    if (deferred.length === remaining.length) {
      return {
        results: keys.flatMap((k) => answers.get(k) ?? []),
        stopped: `The push stopped: ${deferred.length} of ${keys.length} changes were not sent (Apps Script's time ran out before any of them). Push again to send them.`,
      };
    }
    remaining = deferred;
  }
  return { results: keys.flatMap((k) => answers.get(k) ?? []), stopped: null };
}

/** The bar and line a push shows while its calls run. */
export class PushProgress {
  readonly element = h('div', { class: 'push-progress' });
  private readonly bar = h('progress', { max: 1, value: 0, 'aria-label': 'Push progress' });
  private readonly line = h('p', { role: 'status', class: 'secondary-text' });

  constructor() {
    this.element.append(this.bar, this.line);
  }

  /** The first call runs until it has sent what fits in one execution. */
  start(total: number): void {
    this.bar.value = 0;
    this.line.textContent = `Sending ${total} ${total === 1 ? 'change' : 'changes'}…`;
  }

  show(answered: number, total: number): void {
    this.bar.value = total === 0 ? 1 : answered / total;
    this.line.textContent =
      answered < total ? `Sent ${answered} of ${total}…` : `Sent ${answered} of ${total}.`;
  }
}
