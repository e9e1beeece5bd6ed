/**
 * The preview's HTML: the spreadsheet page (client/page.html with its CSS and script inlined) and
 * the pages the bundle shows (its sidebar and dialogs) with the `google.script` bridge put in
 * front of their own scripts. The client scripts are bundled by esbuild once per process.
 */
import { buildSync } from 'esbuild';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const CLIENT = join(__dirname, 'client');
const bundles = new Map<string, string>();

function bundle(entry: string): string {
  let code = bundles.get(entry);
  if (code === undefined) {
    code =
      buildSync({
        entryPoints: [join(CLIENT, entry)],
        bundle: true,
        format: 'iife',
        target: 'es2020',
        platform: 'browser',
        write: false,
        legalComments: 'none',
      }).outputFiles[0]?.text ?? '';
    bundles.set(entry, code);
  }
  return code;
}

/** Text safe inside a `<script>` element. */
function scriptText(code: string): string {
  return code.replace(/<\/script/gi, '<\\/script').replace(/<!--/g, '<\\!--');
}

export function spreadsheetPage(): string {
  const css = readFileSync(join(CLIENT, 'page.css'), 'utf8');
  return readFileSync(join(CLIENT, 'page.html'), 'utf8')
    .replace('/* @inline page.css */', () => css)
    .replace('/* @inline page.ts */', () => scriptText(bundle('page.ts')));
}

/** What the bridge learns from the preview; in production the sidebar has none of it. */
export interface BridgeConfig {
  /** The sandbox's token, prefilled in the sidebar's token field (preview with a sandbox only). */
  readonly token?: string;
  /** What the sidebar's Environment says: "Sandbox" when the embedded sandbox answers. */
  readonly environment?: string;
}

/** A page the bundle showed, with `google.script.run` provided before its own scripts run. */
export function withBridge(html: string, config: BridgeConfig): string {
  const bridge =
    `<script>window.__BREX_PREVIEW__ = ${scriptText(JSON.stringify(config))};</script>` +
    `<script>${scriptText(bundle('bridge.ts'))}</script>`;
  const head = /<head[^>]*>/i.exec(html);
  if (!head) return bridge + html;
  const at = head.index + head[0].length;
  return html.slice(0, at) + bridge + html.slice(at);
}
