/**
 * The conversation between the main thread (which owns all state and does the HTTP) and an
 * execution's worker thread. A service call is a synchronous RPC: the worker posts `call`, blocks
 * in Atomics.wait on `signal`, and the main thread posts the reply and notifies. Logs and the
 * final result travel without blocking.
 */
import type { MessagePort } from 'node:worker_threads';

export interface WorkerInput {
  readonly code: string;
  readonly bundleDir: string;
  readonly functionName: string;
  readonly args: unknown[];
  /** Every `Type.method` the main thread serves. */
  readonly surface: readonly string[];
  readonly signal: SharedArrayBuffer;
  readonly port: MessagePort;
  /** The fake clock's time, when the runtime runs on one: the bundle's Date follows it. */
  readonly fakeNow?: number;
  readonly scriptTimeZone: string;
}

export type WorkerMessage =
  | {
      readonly kind: 'call';
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
    };

export type CallReply =
  | { readonly ok: true; readonly value: unknown; readonly now?: number }
  | { readonly ok: false; readonly error: { name: string; message: string }; readonly now?: number }
  /** The execution is over (time budget, kill switch): the worker stops at once. */
  | { readonly abort: true };
