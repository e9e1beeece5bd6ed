/**
 * The formula help Sheets shows while a custom function is typed (in a cell or the formula bar):
 * the function's signature with the argument being typed in bold, its description, that
 * argument's description and an example, from the bundle's JSDoc (GET /api/functions).
 */
import { h, replaceChildren } from '../../../src/sidebar/dom';
import type { FunctionHelp } from '../function-help';

/** Pure: the function whose name or arguments end the text, and which argument is being typed. */
export function typedCall(
  text: string,
  functions: readonly FunctionHelp[],
): { help: FunctionHelp; argument: number | null } | null {
  if (!text.startsWith('=')) return null;
  const call = /([A-Za-z_][A-Za-z0-9_]*)\s*(\(([^()]*))?$/.exec(text);
  if (!call) return null;
  const name = (call[1] ?? '').toUpperCase();
  const open = call[2] !== undefined;
  const help = open
    ? functions.find((f) => f.name === name)
    : // While the name is typed: the shortest function it could become.
      functions
        .filter((f) => name.length >= 3 && f.name.startsWith(name))
        .sort((a, b) => a.name.length - b.name.length)[0];
  if (!help) return null;
  // Commas inside quoted text do not separate arguments.
  const args = (call[3] ?? '').replace(/"[^"]*"?/g, '');
  return { help, argument: open ? args.split(',').length - 1 : null };
}

export class FormulaHelp {
  private functions: readonly FunctionHelp[] = [];

  constructor(private readonly box: HTMLElement) {
    fetch('/api/functions')
      .then((response) => response.json())
      .then((list: FunctionHelp[]) => (this.functions = list))
      .catch(() => undefined); // without help, typing still works
  }

  /** Shows the help for what `input` holds, or hides it. */
  follow(input: HTMLInputElement): void {
    const typed = typedCall(input.value.slice(0, input.selectionEnd ?? undefined), this.functions);
    if (!typed) {
      this.hide();
      return;
    }
    const { help, argument } = typed;
    const current = argument === null ? undefined : help.parameters[argument];
    const signature = h('div', { class: 'signature' }, `${help.name}(`);
    help.parameters.forEach((p, i) => {
      if (i > 0) signature.append(', ');
      signature.append(i === argument ? h('b', {}, p.name) : p.name);
    });
    signature.append(')');
    replaceChildren(
      this.box,
      signature,
      h('p', {}, help.description),
      current ? h('p', {}, h('b', {}, current.name), ': ', current.description) : null,
      help.example ? h('p', { class: 'example' }, 'Example: ', h('code', {}, help.example)) : null,
    );
    const place = input.getBoundingClientRect();
    this.box.style.left = `${place.left}px`;
    this.box.style.top = `${place.bottom + 4}px`;
    this.box.hidden = false;
  }

  hide(): void {
    this.box.hidden = true;
  }
}
