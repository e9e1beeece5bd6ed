/**
 * `google.script` inside the pages the bundle shows (sidebar, dialogs), for the local preview.
 * `google.script.run` keeps Google's rules (src/contract/script-run-shim.ts) and sends each call
 * over HTTP to the preview server, which runs that global of the built bundle in the local
 * runtime. `google.script.host` closes or resizes the panel through the parent page.
 */
import { createScriptRunShim } from '../../../src/contract/script-run-shim';
import type { ScriptRun } from '../../../src/contract/server-facade';
import { postJson } from './post-json';
import { labelEnvironment } from './environment-label';
import { prefillToken } from './token-prefill';

interface PreviewConfig {
  readonly token?: string;
  readonly environment?: string;
}

type Handler = (value: unknown, userObject?: unknown) => void;

/** Google's runner also carries a user object, handed to the handlers as their second argument. */
function withUserObjects(
  base: ScriptRun,
  onSuccess?: Handler,
  onFailure?: Handler,
  userObject?: unknown,
): ScriptRun {
  return new Proxy({} as ScriptRun, {
    get(_target, property) {
      if (property === 'withSuccessHandler')
        return (h: Handler) => withUserObjects(base, h, onFailure, userObject);
      if (property === 'withFailureHandler')
        return (h: Handler) => withUserObjects(base, onSuccess, h, userObject);
      if (property === 'withUserObject')
        return (o: unknown) => withUserObjects(base, onSuccess, onFailure, o);
      const runner = base
        .withSuccessHandler((value) => onSuccess?.(value, userObject))
        .withFailureHandler((error) => onFailure?.(error, userObject));
      return runner[property as string];
    },
  });
}

async function transport(functionName: string, args: unknown[]): Promise<unknown> {
  const answer = (await postJson('/api/call', { functionName, args, from: 'bridge' })) as
    { ok: true; value: unknown } | { ok: false; message: string };
  if (!answer.ok) throw new Error(answer.message);
  return answer.value;
}

const tell = (message: Record<string, unknown>) =>
  window.parent.postMessage({ source: 'brex-preview-bridge', ...message }, window.location.origin);

const config = (window as unknown as { __BREX_PREVIEW__?: PreviewConfig }).__BREX_PREVIEW__ ?? {};

(window as unknown as { google: unknown }).google = {
  script: {
    run: withUserObjects(createScriptRunShim(transport)),
    host: {
      origin: window.location.origin,
      close: () => tell({ action: 'close' }),
      setHeight: (height: number) => tell({ action: 'setHeight', height }),
      setWidth: (width: number) => tell({ action: 'setWidth', width }),
      editor: { focus: () => tell({ action: 'focusEditor' }) },
    },
  },
};

if (config.token) prefillToken(document, config.token);
if (config.environment) labelEnvironment(document, config.environment);
