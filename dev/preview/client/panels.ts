/**
 * What the bundle shows beside the sheet: the sidebar (the real page, in a 300-px iframe),
 * dialogs (their HTML in an iframe over the sheet), alerts (already answered by the runtime, so
 * shown with OK only) and toasts.
 */
import { h } from '../../../src/sidebar/dom';
import type { SessionState } from '../preview-session';

export interface PanelElements {
  readonly sidebar: HTMLElement;
  readonly sidebarTitle: HTMLElement;
  readonly sidebarFrame: HTMLIFrameElement;
  readonly sidebarClose: HTMLElement;
  readonly dialogs: HTMLElement;
  readonly toasts: HTMLElement;
}

const TOAST_MS = 6000;

export class Panels {
  private sidebarVersion = 0;
  private dialogsShown = -1;
  private alertsShown = -1;
  private toastsShown = -1;

  constructor(private readonly el: PanelElements) {
    el.sidebarClose.addEventListener('click', () => this.closeSidebar());
    window.addEventListener('message', (event) => {
      const data = event.data as { source?: string; action?: string; width?: number };
      if (event.origin !== window.location.origin || data?.source !== 'brex-preview-bridge') return;
      if (data.action === 'close') {
        if (event.source === el.sidebarFrame.contentWindow) this.closeSidebar();
        else this.el.dialogs.querySelector('.backdrop:last-child')?.remove();
      }
    });
  }

  /** Shows what is new since the last state; the first state only sets the starting point. */
  follow(state: SessionState): void {
    if (state.sidebar && state.sidebar.version !== this.sidebarVersion) {
      this.sidebarVersion = state.sidebar.version;
      this.el.sidebarTitle.textContent = state.sidebar.title || 'Add-on';
      this.el.sidebarFrame.src = `/sidebar?v=${state.sidebar.version}`;
      this.el.sidebar.hidden = false;
    }
    const first = this.dialogsShown < 0;
    for (const dialog of state.dialogs.slice(first ? state.dialogs.length : this.dialogsShown)) {
      this.openDialog(dialog.title, dialog.index, dialog.width, dialog.height);
    }
    this.dialogsShown = state.dialogs.length;
    for (const alert of state.alerts.slice(first ? state.alerts.length : this.alertsShown)) {
      this.alert(alert.title, alert.message);
    }
    this.alertsShown = state.alerts.length;
    for (const toast of state.toasts.slice(first ? state.toasts.length : this.toastsShown)) {
      this.toast([toast.title, toast.message].filter(Boolean).join(': '));
    }
    this.toastsShown = state.toasts.length;
  }

  toast(message: string, kind: 'info' | 'error' = 'info'): void {
    const element = h(
      'div',
      { class: `toast ${kind}`, role: kind === 'error' ? 'alert' : 'status' },
      message,
    );
    this.el.toasts.appendChild(element);
    setTimeout(() => element.remove(), kind === 'error' ? TOAST_MS * 2 : TOAST_MS);
  }

  private closeSidebar(): void {
    this.el.sidebar.hidden = true;
    this.el.sidebarFrame.removeAttribute('src');
  }

  private openDialog(title: string, index: number, width = 600, height = 400): void {
    const frame = h('iframe', { title, src: `/dialog?index=${index}` });
    frame.style.width = `${width}px`;
    frame.style.height = `${height}px`;
    this.modal(title, frame);
  }

  private alert(title: string, message: string): void {
    this.modal(title, h('p', {}, message), true);
  }

  private modal(title: string, content: HTMLElement, withOk = false): void {
    const backdrop = h('div', { class: 'backdrop' });
    const close = () => backdrop.remove();
    backdrop.appendChild(
      h(
        'div',
        { class: 'dialog', role: 'dialog', 'aria-label': title || 'Message' },
        h(
          'header',
          {},
          h('span', {}, title),
          h(
            'button',
            { type: 'button', class: 'icon', 'aria-label': 'Close', onclick: close },
            '×',
          ),
        ),
        content,
        withOk
          ? h('div', { class: 'buttons' }, h('button', { type: 'button', onclick: close }, 'OK'))
          : null,
      ),
    );
    this.el.dialogs.appendChild(backdrop);
  }
}
