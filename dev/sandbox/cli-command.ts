/**
 * `npm run local -- sandbox [--port N] [--seed S] [--transactions N] [--users N] [--faults SPEC]
 * [--today D] [--cursor-ttl MINUTES] [--rate-limit N] [--strict]`: starts the sandbox, prints exactly one JSON line `{"url", "token"}` to stdout,
 * and serves until stopped.
 */
import { isDate } from './dates';
import { parseFaults } from './faults';
import { type SandboxOptions, startSandbox } from './server';

export async function sandboxCommand(args: readonly string[]): Promise<void> {
  const options = parseSandboxArgs(args);
  const sandbox = await startSandbox(options);
  process.stdout.write(`${JSON.stringify({ url: sandbox.url, token: sandbox.token })}\n`);
  const stop = () => void sandbox.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

export function parseSandboxArgs(args: readonly string[]): SandboxOptions {
  const options: { -readonly [K in keyof SandboxOptions]: SandboxOptions[K] } = {};
  for (let i = 0; i < args.length; i++) {
    const flag = args[i];
    const value = () => {
      const v = args[++i];
      if (v === undefined)
        throw new Error(
          `${flag} needs a value. Example: ${flag} ${EXAMPLES[flag ?? ''] ?? 'VALUE'}`,
        );
      return v;
    };
    switch (flag) {
      case '--port':
        options.port = integer(flag, value(), 0, 65535);
        break;
      case '--seed':
        options.seed = value();
        break;
      case '--transactions':
        options.transactions = integer(flag, value(), 0, 1_000_000);
        break;
      case '--users':
        options.users = integer(flag, value(), 1, 100_000);
        break;
      case '--cursor-ttl':
        options.cursorTtlMinutes = integer(flag, value(), 0, 100_000);
        break;
      case '--rate-limit':
        options.rateLimit = integer(flag, value(), 1, 1_000_000);
        break;
      case '--faults':
        options.faults = value();
        parseFaults(options.faults);
        break;
      case '--today':
        options.today = value();
        if (!isDate(options.today))
          throw new Error(`--today ${options.today} is not a date. Use YYYY-MM-DD.`);
        break;
      case '--strict':
        options.strict = true;
        break;
      default:
        throw new Error(
          `Unknown option ${flag}. Use --port, --seed, --transactions, --users, --faults, --today, --cursor-ttl, --rate-limit or --strict.`,
        );
    }
  }
  return options;
}

const EXAMPLES: Record<string, string> = {
  '--port': '8787',
  '--seed': 'demo',
  '--transactions': '3000',
  '--users': '5000',
  '--cursor-ttl': '30',
  '--rate-limit': '1000',
  '--faults': 'rate429=0.1,err5xx=0.05',
  '--today': '2026-01-31',
};

function integer(flag: string, text: string, min: number, max: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new Error(
      `${flag} ${text} is not a whole number from ${min} to ${max}. Give one in that range.`,
    );
  }
  return n;
}
