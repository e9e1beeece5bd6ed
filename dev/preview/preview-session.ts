/**
 * One person using the add-on in the preview: every menu click, sidebar call and cell edit runs
 * the built bundle in the local runtime as that person, and the page learns what changed from a
 * version number (bumped after each execution) and the UI the bundle showed (sidebar, dialogs,
 * alerts, toasts).
 */
import type { Runtime } from '../runtime';
import { findSheet } from '../runtime/workbook';
import { sheetView, workbookView, type SheetView, type WorkbookView } from './sheet-view';

export interface MenuView {
  readonly title: string;
  readonly items: ReadonlyArray<{ label: string; functionName: string } | { separator: true }>;
}

export interface NoticeView {
  readonly title: string;
  readonly message: string;
}

export interface DialogView {
  readonly index: number;
  readonly title: string;
  readonly width?: number;
  readonly height?: number;
}

export interface SessionState {
  /** The person at the keyboard: every execution runs as them. */
  readonly actingAs: string;
  /** Bumped after every execution and edit: the page redraws when it changes. */
  readonly version: number;
  /** Executions running now (a refresh, the sidebar's progress polls, formulas). */
  readonly busy: number;
  readonly workbook: WorkbookView;
  readonly menus: readonly MenuView[];
  /** Bumped each time the bundle calls showSidebar; null until it does. */
  readonly sidebar: { readonly version: number; readonly title: string } | null;
  readonly dialogs: readonly DialogView[];
  /** Every alert and toast so far, oldest first; the page shows the ones it has not shown. */
  readonly alerts: readonly NoticeView[];
  readonly toasts: readonly NoticeView[];
}

export type CallOutcome =
  { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly message: string };

export class PreviewSession {
  private version = 0;
  private busy = 0;
  private sidebarVersion = 0;
  private lastSidebar: Runtime['ui']['sidebar'];

  constructor(
    readonly runtime: Runtime,
    /** The acting user's email; every execution runs as them. */
    private user: string,
  ) {}

  /**
   * Another person takes the keyboard, as when a colleague opens the same spreadsheet: the menu
   * is built for them, and an open sidebar opens again as theirs (their own write credential,
   * their approvals). Lets one preview show what two people see (the two-person rule).
   */
  async actAs(email: string): Promise<CallOutcome> {
    if (!/^[^\s@]+@[^\s@]+$/.test(email)) {
      return {
        ok: false,
        message: `"${email}" is not an email. Give the person's Google account email.`,
      };
    }
    this.user = email;
    await this.open();
    return this.runtime.ui.sidebar ? this.call('showSidebar', []) : { ok: true, value: null };
  }

  /** What a person sees when the spreadsheet opens: the add-on's menu, built by onOpen. */
  async open(): Promise<void> {
    const opened = await this.track(() => this.runtime.run('onOpen', [], { as: this.user }));
    if (!opened.ok) throw new Error(`onOpen failed: ${opened.error?.message ?? 'no message'}`);
  }

  /** A `google.script.run` call from the sidebar or a dialog, or a menu item: FULL mode. */
  async call(functionName: string, args: unknown[]): Promise<CallOutcome> {
    if (!/^[A-Za-z$][\w$]*$/.test(functionName) || functionName.endsWith('_')) {
      return { ok: false, message: `Script function not found: ${functionName}` };
    }
    const result = await this.track(() =>
      this.runtime.run(functionName, args, { as: this.user, authMode: 'FULL' }),
    );
    return result.ok
      ? { ok: true, value: result.value ?? null }
      : { ok: false, message: result.error?.message ?? 'The execution failed.' };
  }

  /** A person typing into a cell: typed as Sheets types it; formulas run, edit triggers fire. */
  async edit(sheet: string, cell: string, value: string): Promise<CallOutcome> {
    if (!findSheet(this.runtime.workbook, sheet)) {
      return { ok: false, message: `No sheet named "${sheet}". Pick one of the tabs.` };
    }
    return this.track(async (): Promise<CallOutcome> => {
      try {
        const a1 = `'${sheet.replace(/'/g, "''")}'!${cell}`;
        const failed = (await this.runtime.edit(a1, value, { as: this.user })).find((r) => !r.ok);
        return failed
          ? { ok: false, message: failed.error?.message ?? 'The edit failed.' }
          : { ok: true, value: null };
      } catch (error) {
        return { ok: false, message: (error as Error).message };
      }
    });
  }

  /** The tab a person clicked becomes the active sheet, as the bundle's getActiveSheet sees it. */
  activate(sheet: string): void {
    const found = findSheet(this.runtime.workbook, sheet);
    if (found) this.runtime.workbook.activeSheetId = found.id;
  }

  state(): SessionState {
    const { ui } = this.runtime;
    if (ui.sidebar && ui.sidebar !== this.lastSidebar) {
      this.lastSidebar = ui.sidebar;
      this.sidebarVersion += 1;
    }
    return {
      actingAs: this.user,
      version: this.version,
      busy: this.busy,
      workbook: workbookView(this.runtime.workbook),
      menus: ui.menus.map((m) => ({ title: m.title, items: m.items })),
      sidebar: ui.sidebar ? { version: this.sidebarVersion, title: ui.sidebar.title } : null,
      dialogs: ui.dialogs.map((d, index) => ({
        index,
        title: d.title,
        width: d.width,
        height: d.height,
      })),
      alerts: ui.alerts.map((a) => ({ title: a.title, message: a.prompt })),
      toasts: ui.toasts.map((t) => ({ title: t.title, message: t.message })),
    };
  }

  sheet(name: string, maxRows: number): SheetView | undefined {
    return sheetView(this.runtime.workbook, name, maxRows);
  }

  sidebarHtml(): string | undefined {
    return this.runtime.ui.sidebar?.html;
  }

  dialogHtml(index: number): string | undefined {
    return this.runtime.ui.dialogs[index]?.html;
  }

  private async track<T>(work: () => Promise<T>): Promise<T> {
    this.busy += 1;
    try {
      return await work();
    } finally {
      this.busy -= 1;
      this.version += 1;
    }
  }
}
