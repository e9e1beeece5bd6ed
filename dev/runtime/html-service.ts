/**
 * HtmlService, run inside the worker: HTML outputs from strings or from the bundle's .html files,
 * and templates whose scriptlets run in the bundle's context (`<? ?>` code, `<?= ?>` escaped
 * output, `<?!= ?>` raw output).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import type { Realm } from './worker-realm';

export interface HtmlContent {
  html: string;
  title: string;
  width?: number;
  height?: number;
}

const HTML_OUTPUT = Symbol('HtmlOutput');

export function htmlContentOf(value: unknown): HtmlContent | undefined {
  return (value as { [HTML_OUTPUT]?: HtmlContent } | null)?.[HTML_OUTPUT];
}

function escapeHtml(value: unknown): string {
  if (value === null || value === undefined) return '';
  return String(value).replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

function compile(source: string): string {
  let body = 'var __out = "";\n';
  let last = 0;
  for (const match of source.matchAll(/<\?(!=|=)?([\s\S]*?)\?>/g)) {
    body += `__out += ${JSON.stringify(source.slice(last, match.index))};\n`;
    const code = (match[2] ?? '').trim();
    if (match[1] === '=') body += `__out += __escape(${code});\n`;
    else if (match[1] === '!=') body += `__out += __raw(${code});\n`;
    else body += `${code}\n`;
    last = (match.index ?? 0) + match[0].length;
  }
  body += `__out += ${JSON.stringify(source.slice(last))};\nreturn __out;`;
  return body;
}

function createOutput(content: HtmlContent): object {
  const output: Record<string | symbol, unknown> = {
    [HTML_OUTPUT]: content,
    getContent: () => content.html,
    setContent: (html: string) => ((content.html = String(html)), output),
    append: (html: string) => ((content.html += String(html)), output),
    appendUntrusted: (text: string) => ((content.html += escapeHtml(text)), output),
    setTitle: (title: string) => ((content.title = String(title)), output),
    getTitle: () => content.title,
    setWidth: (width: number) => ((content.width = Number(width)), output),
    getWidth: () => content.width ?? 0,
    setHeight: (height: number) => ((content.height = Number(height)), output),
    getHeight: () => content.height ?? 0,
    setSandboxMode: () => output,
    setXFrameOptionsMode: () => output,
    setFaviconUrl: () => output,
    addMetaTag: (name: string, value: string) => (
      (content.html =
        `<meta name="${escapeHtml(name)}" content="${escapeHtml(value)}">` + content.html),
      output
    ),
  };
  return output;
}

export function createHtmlService(realm: Realm, bundleDir: string): object {
  const readFile = (name: string) => {
    const file = join(bundleDir, `${String(name).replace(/\.html$/, '')}.html`);
    if (!existsSync(file)) throw new realm.Error(`No HTML file named ${name} was found.`);
    return readFileSync(file, 'utf8');
  };
  const createTemplate = (source: string) => {
    const template: Record<string, unknown> = {};
    const methods = {
      evaluate: () => {
        const run = vm.runInContext(
          `(function (__data, __escape, __raw) { with (__data) { ${compile(source)} } })`,
          realm.context,
        ) as (data: object, escape: (v: unknown) => string, raw: (v: unknown) => string) => string;
        const data = Object.fromEntries(Object.entries(template));
        return createOutput({
          html: run(data, escapeHtml, (v) => (v === null || v === undefined ? '' : String(v))),
          title: '',
        });
      },
      getCode: () => compile(source),
      getRawContent: () => source,
    };
    for (const [name, fn] of Object.entries(methods))
      Object.defineProperty(template, name, { value: fn, enumerable: false });
    return template;
  };
  return {
    SandboxMode: { IFRAME: 'IFRAME', NATIVE: 'NATIVE', EMULATED: 'EMULATED' },
    XFrameOptionsMode: { ALLOWALL: 'ALLOWALL', DEFAULT: 'DEFAULT' },
    createHtmlOutput: (html?: string) =>
      createOutput({ html: html === undefined ? '' : String(html), title: '' }),
    createHtmlOutputFromFile: (name: string) => createOutput({ html: readFile(name), title: '' }),
    createTemplate: (html: string) => createTemplate(String(html)),
    createTemplateFromFile: (name: string) => createTemplate(readFile(name)),
  };
}
