/**
 * The menu bar: Extensions ▸ <add-on menu> ▸ items, from the menus the bundle's onOpen built.
 * Choosing an item runs its global, as Sheets does.
 */
import { h, replaceChildren } from '../../../src/sidebar/dom';
import type { MenuView } from '../preview-session';

export class MenuBar {
  private menus: readonly MenuView[] = [];
  private shown = '';
  private open: HTMLElement | null = null;

  constructor(
    private readonly bar: HTMLElement,
    private readonly run: (functionName: string, label: string) => void,
  ) {
    document.addEventListener('mousedown', (event) => {
      if (this.open && !this.bar.contains(event.target as Node)) this.close();
    });
    document.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') this.close();
    });
  }

  show(menus: readonly MenuView[]): void {
    const key = JSON.stringify(menus);
    if (key === this.shown) return;
    this.shown = key;
    this.menus = menus;
    const extensions = h(
      'button',
      { type: 'button', 'aria-haspopup': 'menu', 'aria-expanded': 'false' },
      'Extensions',
    );
    extensions.addEventListener('click', () => {
      if (this.open) this.close();
      else this.openMenu(extensions, this.extensionsMenu(extensions));
    });
    this.close();
    replaceChildren(this.bar, extensions);
  }

  private extensionsMenu(anchor: HTMLElement): HTMLElement {
    const entries = this.menus.map((menu) => {
      const item = h(
        'button',
        { type: 'button', role: 'menuitem', 'aria-haspopup': 'menu' },
        menu.title,
        h('span', { class: 'submenu-arrow', 'aria-hidden': 'true' }, '▸'),
      );
      const openSub = () => this.openSubmenu(anchor, item, menu);
      item.addEventListener('click', openSub);
      item.addEventListener('mouseenter', openSub);
      return h('li', { role: 'none' }, item);
    });
    return h(
      'ul',
      { class: 'menu', role: 'menu', 'aria-label': 'Extensions' },
      ...(entries.length > 0
        ? entries
        : [h('li', { role: 'none', class: 'secondary' }, 'No add-on menu (onOpen added none)')]),
    );
  }

  private openSubmenu(anchor: HTMLElement, item: HTMLElement, menu: MenuView): void {
    this.bar.querySelector('.menu.sub')?.remove();
    const sub = h(
      'ul',
      { class: 'menu sub', role: 'menu', 'aria-label': menu.title },
      ...menu.items.map((entry) =>
        'separator' in entry
          ? h('li', { role: 'separator', class: 'separator' })
          : h(
              'li',
              { role: 'none' },
              h(
                'button',
                {
                  type: 'button',
                  role: 'menuitem',
                  onclick: () => {
                    this.close();
                    this.run(entry.functionName, entry.label);
                  },
                },
                entry.label,
              ),
            ),
      ),
    );
    const parent = item.closest('.menu') as HTMLElement;
    sub.style.left = `${parent.offsetLeft + parent.offsetWidth - 4}px`;
    sub.style.top = `${parent.offsetTop + item.offsetTop}px`;
    anchor.setAttribute('aria-expanded', 'true');
    this.bar.appendChild(sub);
  }

  private openMenu(anchor: HTMLElement, menu: HTMLElement): void {
    menu.style.left = `${anchor.offsetLeft}px`;
    menu.style.top = `${anchor.offsetTop + anchor.offsetHeight}px`;
    anchor.setAttribute('aria-expanded', 'true');
    this.bar.appendChild(menu);
    this.open = menu;
  }

  private close(): void {
    for (const menu of this.bar.querySelectorAll('.menu')) menu.remove();
    this.bar.querySelector('[aria-expanded="true"]')?.setAttribute('aria-expanded', 'false');
    this.open = null;
  }
}
