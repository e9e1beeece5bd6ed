/**
 * Seeded fault injection. One draw per Brex API request decides its fate, so a seed and a request
 * sequence always give the same faults. Faults never change state, except `lost`, which applies a
 * write and then cuts its response, and `applied5xx`, which applies a write and then answers a
 * 5xx (a gateway timing out after Brex committed): what idempotency keys exist to survive.
 *
 * Besides the random rates, `WriteFaults` aims one fault at every write: its first `attempts`
 * requests get it, so a test knows which write met which fault.
 */
import { at } from './at';
import { Random } from './random';

export interface FaultRates {
  /** 429, half of them with a Retry-After header. */
  readonly rate429: number;
  /** 500/502/503 before the request is handled. */
  readonly err5xx: number;
  /** A bounded delay (up to `slowMs`) before a normal answer. */
  readonly slow: number;
  /** GET only: a valid status and headers, the body cut mid-JSON. */
  readonly truncate: number;
  /** Writes only: the write is applied, then the response body is cut (a DELETE's connection dropped). */
  readonly lost: number;
  /** Upper bound of a slow response's delay, in ms. */
  readonly slowMs: number;
}

export const NO_FAULTS: FaultRates = {
  rate429: 0,
  err5xx: 0,
  slow: 0,
  truncate: 0,
  lost: 0,
  slowMs: 1500,
};

export type Fault =
  | { kind: 'none' }
  | { kind: 'rate429'; retryAfter: number | null }
  | { kind: 'err5xx'; status: number }
  | { kind: 'slow'; delayMs: number }
  | { kind: 'truncate' }
  | { kind: 'lost' }
  | { kind: 'applied5xx'; status: number };

/** The faults `WriteFaults` can aim at writes: not applied (429), applied then 5xx, applied then cut. */
export type WriteFaultKind = 'rate429' | 'applied5xx' | 'lost';

/** Parses `rate429=0.1,err5xx=0.05,slow=0.02,truncate=0.02,lost=0.05,slowMs=800`. */
export function parseFaults(spec: string): FaultRates {
  const rates: Record<string, number> = { ...NO_FAULTS };
  for (const part of spec
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [name, value] = part.split('=');
    const number = Number(value);
    if (!name || !(name in NO_FAULTS) || value === undefined || !Number.isFinite(number)) {
      throw new Error(
        `Fault "${part}" is not understood. Use name=value with names ${Object.keys(NO_FAULTS).join(', ')}.`,
      );
    }
    if (name !== 'slowMs' && (number < 0 || number > 1)) {
      throw new Error(`Fault rate ${name}=${value} is not between 0 and 1. Give a probability.`);
    }
    rates[name] = number;
  }
  return rates as unknown as FaultRates;
}

export class FaultPlan {
  private readonly rng: Random;

  constructor(
    readonly rates: FaultRates,
    seed: string,
  ) {
    this.rng = new Random(`faults:${seed}`);
  }

  /**
   * The fault for the next request: exactly three draws per request keep sequences aligned. A
   * write fault aimed at this request (`aimed`) wins over the random rates.
   */
  next(method: string, aimed: WriteFaultKind | null = null): Fault {
    const r = this.rng.next();
    const a = this.rng.next();
    const b = this.rng.next();
    if (aimed === 'rate429') return { kind: 'rate429', retryAfter: null };
    if (aimed === 'applied5xx')
      return { kind: aimed, status: at([500, 502, 503], Math.floor(a * 3)) };
    if (aimed === 'lost') return { kind: 'lost' };
    const write = method !== 'GET';
    const { rate429, err5xx, slow, truncate, lost } = this.rates;
    let edge = rate429;
    if (r < edge) return { kind: 'rate429', retryAfter: a < 0.5 ? 1 + Math.floor(b * 2) : null };
    if (r < (edge += err5xx))
      return { kind: 'err5xx', status: at([500, 502, 503], Math.floor(a * 3)) };
    if (r < (edge += slow)) return { kind: 'slow', delayMs: Math.round(b * this.rates.slowMs) };
    if (r < (edge += truncate)) return write ? { kind: 'none' } : { kind: 'truncate' };
    if (r < (edge += lost)) return write ? { kind: 'lost' } : { kind: 'none' };
    return { kind: 'none' };
  }
}

/**
 * One fault aimed at every POST/PUT: the first `attempts` requests of each write (its method, path
 * and body, whatever its Idempotency-Key) get it; later ones (a retry, the next push) go through.
 * Off until `aim` is called.
 */
export class WriteFaults {
  private aimed: { kind: WriteFaultKind; attempts: number } | null = null;
  private readonly seen = new Map<string, number>();

  aim(kind: WriteFaultKind | null, attempts = 1): void {
    this.aimed = kind ? { kind, attempts } : null;
    this.seen.clear();
  }

  /** The fault for this request, counting it against its write. */
  next(method: string, path: string, body: string): WriteFaultKind | null {
    if (!this.aimed || method === 'GET' || method === 'DELETE') return null;
    const key = `${method} ${path} ${body}`;
    const count = (this.seen.get(key) ?? 0) + 1;
    this.seen.set(key, count);
    return count <= this.aimed.attempts ? this.aimed.kind : null;
  }
}
