/**
 * The built sidebar (dist/sidebar.html) in a DOM, its `google.script.run` calling the add-on's
 * server functions in the local runtime: what a person would see, end to end.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';
import type { Runtime } from '../../../dev/runtime';
import { createScriptRunShim } from '../../../src/contract/script-run-shim';

const PAGE = join(__dirname, '..', '..', '..', 'dist', 'sidebar.html');

export interface SidebarPage {
  readonly dom: JSDOM;
  /** Every answer a server function gave the page, as JSON text. */
  readonly responses: string[];
  close(): void;
}

/** Opens the sidebar as `user`, and waits until the page has stopped calling the server. */
export async function openSidebar(runtime: Runtime, user: string): Promise<SidebarPage> {
  const responses: string[] = [];
  let inFlight = 0;
  let calls = 0;
  const transport = async (name: string, args: unknown[]) => {
    inFlight += 1;
    calls += 1;
    try {
      const value = await runtime.call(name, args, { as: user });
      responses.push(JSON.stringify(value ?? null));
      return value;
    } finally {
      inFlight -= 1;
    }
  };
  const dom = new JSDOM(readFileSync(PAGE, 'utf8'), {
    runScripts: 'dangerously',
    pretendToBeVisual: true,
    beforeParse(window) {
      Object.assign(window, { google: { script: { run: createScriptRunShim(transport) } } });
    },
  });
  // Quiet: no call in flight and none started for a while (the health poll is 2 s apart).
  for (let quiet = 0, seen = -1; quiet < 5;) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    quiet = inFlight === 0 && calls === seen ? quiet + 1 : 0;
    seen = calls;
  }
  return { dom, responses, close: () => dom.window.close() };
}
