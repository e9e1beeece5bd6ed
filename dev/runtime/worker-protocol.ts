/**
 * The conversation between the main thread (which owns all state and does the HTTP) and an
 * execution's worker thread. The main thread sends a `WorkerJob` to a worker (one execution each;
 * an idle worker may take another). A service call is a synchronous RPC: the worker posts `call`
 * with the next sequence number and blocks in Atomics.wait until `signal` holds that number; the
 * main thread posts the reply, then stores the number and notifies. Logs and the final result
 * travel without blocking.
 */
import type { MessagePort } from 'node:worker_threads';

export interface WorkerJob {
  readonly code: string;
  readonly bundleDir: string;
  readonly functionName: string;
  readonly args: unknown[];
  /** Every `Type.method` the main thread serves. */
  readonly surface: readonly string[];
  /** One Int32: the sequence number of the last reply posted. */
  readonly signal: SharedArrayBuffer;
  /** The execution's own channel: calls, logs and the result go over it, replies come back. */
  readonly port: MessagePort;
  /** The fake clock's time, when the runtime runs on one: the bundle's Date follows it. */
  readonly fakeNow?: number;
  readonly scriptTimeZone: string;
}

export type WorkerMessage =
  | {
      readonly kind: 'call';
      readonly seq: number;
      readonly op: string;
      readonly handle: unknown;
      readonly args: unknown[];
    }
  | { readonly kind: 'log'; readonly level: string; readonly text: string }
  | { readonly kind: 'done'; readonly ok: true; readonly value: unknown }
  | {
      readonly kind: 'done';
      readonly ok: false;
      readonly error: { name: string; message: string; stack?: string };
    }
  /** The worker broke the protocol (a bug in the runtime): it reports why, then exits. */
  | { readonly kind: 'fault'; readonly message: string };

export type CallReply = { readonly seq: number } & (
  | { readonly ok: true; readonly value: unknown; readonly now?: number }
  | { readonly ok: false; readonly error: { name: string; message: string }; readonly now?: number }
  /** The execution is over (time budget, kill switch): the worker stops at once. */
  | { readonly abort: true }
);
