/**
 * Building the sidebar's DOM. Text always goes in as text nodes, never as HTML, so a string from
 * Brex (a merchant called `<img onerror=…>`) shows as the characters it is.
 */
export type Child = Node | string | number | null | undefined | false;

type Listener = (event: Event) => void;
export type Props = Record<string, string | number | boolean | Listener | null | undefined>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (value === true) element.setAttribute(name, '');
    else if (value !== false && value !== null && value !== undefined)
      element.setAttribute(name, String(value));
  }
  append(element, ...children);
  return element;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }
}

export function replaceChildren(parent: Node, ...children: Child[]): void {
  while (parent.firstChild) parent.removeChild(parent.firstChild);
  append(parent, ...children);
}

let nextId = 0;
/** A unique id for label/aria wiring. */
export function uniqueId(prefix: string): string {
  nextId += 1;
  return `${prefix}-${nextId}`;
}

/** A token field: masked, never autofilled or spell-checked (a browser would keep or send it). */
export function tokenInput(id: string): HTMLInputElement {
  return h('input', {
    id,
    type: 'password',
    autocomplete: 'off',
    spellcheck: 'false',
    required: true,
  });
}

/** A titled region: `getByRole('region', { name })` finds it. */
export function section(title: string, ...children: Child[]): HTMLElement {
  const id = uniqueId('heading');
  return h(
    'section',
    { class: 'block', 'aria-labelledby': id },
    h('h2', { id, tabindex: -1 }, title),
    ...children,
  );
}

/** A line for outcomes: polite status, or an alert when it is an error. */
export function notice(text: string, kind: 'info' | 'error' | 'warning' = 'info'): HTMLElement {
  return h('p', { class: `notice ${kind}`, role: kind === 'info' ? 'status' : 'alert' }, text);
}
