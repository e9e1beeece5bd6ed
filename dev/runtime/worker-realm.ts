/**
 * Moving values between the worker's realm and the vm context the bundle runs in. Values handed
 * to the bundle are built with the context's own constructors, so `instanceof Date` and
 * `Array.isArray` hold inside it, as they do in Apps Script.
 */
import vm from 'node:vm';

export interface Realm {
  readonly context: vm.Context;
  readonly Array: ArrayConstructor;
  readonly Object: ObjectConstructor;
  readonly Date: DateConstructor;
  readonly Error: ErrorConstructor;
}

export function realmOf(context: vm.Context): Realm {
  const intrinsics = vm.runInContext('({ Array, Object, Date, Error })', context) as Omit<
    Realm,
    'context'
  >;
  return { context, ...intrinsics };
}

/** Rebuilds `value` inside the realm; `special` may claim values first (remote references). */
export function intoRealm(
  realm: Realm,
  value: unknown,
  special: (v: object) => unknown | undefined,
): unknown {
  if (value === null || typeof value !== 'object') return value;
  const claimed = special(value);
  if (claimed !== undefined) return claimed;
  if (value instanceof Date || Object.prototype.toString.call(value) === '[object Date]') {
    return new realm.Date((value as Date).getTime());
  }
  if (Array.isArray(value)) {
    const out = new realm.Array();
    for (const item of value) out.push(intoRealm(realm, item, special));
    return out;
  }
  const out = new realm.Object() as Record<string, unknown>;
  for (const [k, v] of Object.entries(value)) out[k] = intoRealm(realm, v, special);
  return out;
}

/** Signed bytes (-128..127), the way Apps Script returns Byte[]. */
export function signedBytes(realm: Realm, bytes: Uint8Array): number[] {
  const out = new realm.Array() as number[];
  for (const b of bytes) out.push((b << 24) >> 24);
  return out;
}

export function toBytes(data: unknown): Uint8Array {
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  if (data instanceof Uint8Array) return data;
  if (Array.isArray(data)) return Uint8Array.from(data as number[], (b) => b & 0xff);
  const blob = data as { getBytes?: () => number[] } | null;
  if (blob && typeof blob.getBytes === 'function') return toBytes(blob.getBytes());
  return Buffer.from(String(data), 'utf8');
}

export function realmError(realm: Realm, name: string, message: string): Error {
  const error = new realm.Error(message);
  error.name = name;
  return error;
}
