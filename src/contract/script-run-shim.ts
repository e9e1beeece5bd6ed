/**
 * A stand-in for `google.script.run` over any transport (a table of functions in tests, the local
 * runtime over HTTP in the preview), keeping Google's rules: calls are asynchronous, arguments and
 * results cross as JSON (a Date fails, `undefined` in an array becomes null), and names ending in
 * `_` are private.
 */
import type { ScriptRun } from './server-facade';

export type ScriptTransport = (functionName: string, args: unknown[]) => unknown;

function crossBoundary(value: unknown, what: string): unknown {
  if (value === undefined) return undefined;
  const json = JSON.stringify(value, function (key, v: unknown) {
    // JSON.stringify has already turned a Date into a string here; look at the original.
    const original = (this as Record<string, unknown>)[key];
    if (original instanceof Date) {
      throw new Error(`${what} holds a Date. Send dates as ISO strings.`);
    }
    return v;
  });
  return JSON.parse(json) as unknown;
}

export function createScriptRunShim(transport: ScriptTransport): ScriptRun {
  const runner = (
    onSuccess: (value: unknown) => void,
    onFailure: (error: unknown) => void,
  ): ScriptRun =>
    new Proxy({} as ScriptRun, {
      get(_target, property) {
        if (property === 'withSuccessHandler')
          return (handler: (value: unknown) => void) => runner(handler, onFailure);
        if (property === 'withFailureHandler')
          return (handler: (error: unknown) => void) => runner(onSuccess, handler);
        if (typeof property !== 'string' || property.endsWith('_') || property === 'then')
          return undefined;
        return (...args: unknown[]) => {
          Promise.resolve()
            .then(() => transport(property, crossBoundary(args, 'An argument') as unknown[]))
            .then((value) => onSuccess(crossBoundary(value, 'The result')))
            .catch((error: unknown) =>
              onFailure(error instanceof Error ? error : new Error(String(error))),
            );
        };
      },
    });
  return runner(
    () => undefined,
    () => undefined,
  );
}
