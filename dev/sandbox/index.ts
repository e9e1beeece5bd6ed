/** The Brex sandbox's public surface, for tests, the runtime and the preview. */
export { startSandbox, type Sandbox, type SandboxOptions } from './server';
export { spawnSandbox, type SpawnedSandbox, type SpawnOptions } from './spawn';
export { validateRequest, validateResponse } from './contract';
export type { Snapshot } from './control';
export type { TokenKind, TokenSet } from './tokens';
export type { LoggedRequest } from './request-log';
