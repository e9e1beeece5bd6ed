/**
 * A synchronous HttpPort for Node tests, so the Brex client (synchronous, as in Apps Script) can
 * talk to a sandbox over real loopback HTTP outside the local runtime. A worker thread does the
 * fetch; this thread blocks on Atomics.wait and then reads the reply with receiveMessageOnPort.
 * The sandbox must run in another process (spawnSandbox): this thread is blocked while it waits.
 */
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { HttpPort, HttpRequest, HttpResponse } from '../../src/brex/http-port';

const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const { port, signal } = workerData;
port.on('message', async (requests) => {
  const replies = await Promise.all(requests.map(async (r) => {
    try {
      const res = await fetch(r.url, { method: r.method.toUpperCase(), headers: r.headers, body: r.payload });
      const headers = {};
      res.headers.forEach((value, key) => { headers[key] = value; });
      return { status: res.status, headers, body: await res.text() };
    } catch (error) {
      return { error: String(error && error.message || error) };
    }
  }));
  port.postMessage(replies);
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
});
`;

export interface BlockingHttpPort extends HttpPort {
  close(): Promise<void>;
}

export function blockingHttpPort(): BlockingHttpPort {
  const { port1, port2 } = new MessageChannel();
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { port: port2, signal },
    transferList: [port2],
  });

  function send(requests: readonly HttpRequest[]): HttpResponse[] {
    Atomics.store(signal, 0, 0);
    port1.postMessage(requests);
    if (Atomics.wait(signal, 0, 0, 60_000) === 'timed-out') throw new Error('HTTP timed out');
    const replies = receiveMessageOnPort(port1)?.message as (HttpResponse | { error: string })[];
    return replies.map((reply) => {
      if ('error' in reply) throw new Error(`Network error: ${reply.error}`);
      return reply;
    });
  }

  return {
    fetch: (request) => send([request])[0] as HttpResponse,
    fetchAll: (requests) => send(requests),
    close: async () => {
      port1.close();
      await worker.terminate();
    },
  };
}
