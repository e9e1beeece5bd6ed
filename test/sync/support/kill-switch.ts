export const KILLED = new Error('killed');

/** Wraps ports so that from the n-th call on, every call throws, as if the execution were killed. */
export function killSwitch(killAt: number) {
  let calls = 0;
  let armed = true;
  return {
    disarm: () => (armed = false),
    calls: () => calls,
    wrap<T extends object>(target: T): T {
      return new Proxy(target, {
        get(object, key, receiver) {
          const value = Reflect.get(object, key, receiver);
          if (typeof value !== 'function') return value;
          return (...args: unknown[]) => {
            calls += 1;
            // A killed execution makes no further call: every call from then on fails.
            if (armed && calls >= killAt) throw KILLED;
            return value.apply(object, args);
          };
        },
      });
    },
  };
}
