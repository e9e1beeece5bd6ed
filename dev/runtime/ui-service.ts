/**
 * SpreadsheetApp.getUi(): add-on menus, alerts and prompts answered from a script of answers,
 * sidebars and dialogs recorded for tests and the preview.
 */
import { fail, op, remote, type Host, type ServiceTable } from './host';
import { MESSAGES } from './limits';

export interface MenuRecord {
  readonly title: string;
  readonly addon: boolean;
  readonly items: ReadonlyArray<{ label: string; functionName: string } | { separator: true }>;
}

export interface HtmlRecord {
  readonly html: string;
  readonly title: string;
  readonly width?: number;
  readonly height?: number;
}

export interface UiRecord {
  menus: MenuRecord[];
  sidebar?: HtmlRecord & { user: string };
  dialogs: Array<HtmlRecord & { user: string; modal: boolean }>;
  alerts: Array<{ title: string; prompt: string; buttons: string; answer: string }>;
  toasts: Array<{ message: string; title: string }>;
  /** Answers the next alerts and prompts will get, in order: a button name, or { button, text }. */
  answers: Array<string | { button: string; text: string }>;
}

export function emptyUi(): UiRecord {
  return { menus: [], dialogs: [], alerts: [], toasts: [], answers: [] };
}

/** With no scripted answer, an OK alert is acknowledged; anything else is closed. */
function defaultAnswer(buttons: string): string {
  return buttons === 'OK' ? 'OK' : 'CLOSE';
}

export function createUiService(host: Host, ui: UiRecord): ServiceTable {
  const count = (x: Parameters<Host['count']>[0]) => host.count(x, 'uiCalls');
  const nextAnswer = (buttons: string) => ui.answers.shift() ?? defaultAnswer(buttons);

  return {
    'SpreadsheetApp.getUi': op('free', (x) => {
      if (x.authMode === 'CUSTOM_FUNCTION') fail(MESSAGES.noUi);
      return remote('Ui');
    }),
    'Ui.addMenu': op('menu', (x, _h, menu: MenuRecord) => {
      count(x);
      ui.menus = ui.menus.filter((m) => m.title !== menu.title);
      ui.menus.push(menu);
    }),
    'Ui.alert': op('ui', (x, _h, a: string, b?: string, c?: string) => {
      count(x);
      const [title, prompt, buttons] =
        b === undefined ? ['', a, 'OK'] : c === undefined ? ['', a, b] : [a, b, c];
      const raw = nextAnswer(buttons);
      const answer = typeof raw === 'string' ? raw : raw.button;
      ui.alerts.push({ title, prompt, buttons, answer });
      return answer;
    }),
    'Ui.prompt': op('ui', (x, _h, a: string, b?: string, c?: string) => {
      count(x);
      const [title, prompt, buttons] =
        b === undefined ? ['', a, 'OK'] : c === undefined ? ['', a, b] : [a, b, c];
      const raw = nextAnswer(buttons);
      const answer = typeof raw === 'string' ? { button: raw, text: '' } : raw;
      ui.alerts.push({ title, prompt, buttons, answer: answer.button });
      return answer;
    }),
    'Ui.showSidebar': op('ui', (x, _h, html: HtmlRecord) => {
      count(x);
      ui.sidebar = { ...html, user: x.user };
    }),
    'Ui.showModalDialog': op('ui', (x, _h, html: HtmlRecord, title: string) => {
      count(x);
      ui.dialogs.push({ ...html, title: String(title), user: x.user, modal: true });
    }),
    'Ui.showModelessDialog': op('ui', (x, _h, html: HtmlRecord, title: string) => {
      count(x);
      ui.dialogs.push({ ...html, title: String(title), user: x.user, modal: false });
    }),
    'Spreadsheet.toast': op('ui', (x, _h, message: string, title = '') => {
      count(x);
      ui.toasts.push({ message: String(message), title: String(title) });
    }),
  };
}
