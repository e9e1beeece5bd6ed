/** The fake bundle next to this file, for service tests that need more than the real bundle offers. */
import { join } from 'node:path';
import { createRuntime, type RuntimeOptions } from '../../dev/runtime';

export const FAKE_BUNDLE_DIR = join(__dirname, 'fake-bundle');

export function fakeRuntime(options: Omit<RuntimeOptions, 'bundleDir'> = {}) {
  return createRuntime({ bundleDir: FAKE_BUNDLE_DIR, ...options });
}
