/**
 * The sheet grid: row and column headers, cells as Sheets shows them, a selected cell mirrored in
 * the name box and the formula bar, and editing (type over a cell, F2/Enter/double-click to edit
 * it, or the formula bar). A committed entry goes to `onCommit`, which sends it through the
 * runtime's edit path.
 */
import { h, replaceChildren } from '../../../src/sidebar/dom';
import type { CellView, SheetView } from '../sheet-view';

export interface GridElements {
  readonly table: HTMLTableElement;
  readonly scroller: HTMLElement;
  readonly editor: HTMLInputElement;
  readonly nameBox: HTMLInputElement;
  readonly formulaBar: HTMLInputElement;
}

/** Sends an entry; the grid shows it meanwhile and the page calls `settle` when it is done. */
export type Commit = (cell: string, value: string) => void;

/** A row's height in page.css (21 px and its 1-px border). */
const ROW_PX = 22;

interface Position {
  row: number;
  column: number;
}

export class Grid {
  private view: SheetView | null = null;
  private selected: Position = { row: 1, column: 1 };
  private editing = false;
  /** Entries sent and not yet settled: shown meanwhile ("Loading..." for formulas), as Sheets does. */
  private readonly pending = new Map<string, string>();

  constructor(
    private readonly el: GridElements,
    private readonly onCommit: Commit,
  ) {
    el.table.addEventListener('mousedown', (event) => {
      const cell = (event.target as HTMLElement).closest('td');
      if (!cell) return;
      this.commitEditor();
      this.select({ row: Number(cell.dataset.row), column: Number(cell.dataset.column) });
    });
    el.table.addEventListener('dblclick', () => this.startEditing(this.rawText()));
    el.table.addEventListener('keydown', (event) => this.onGridKey(event));
    el.editor.addEventListener('keydown', (event) => this.onEditorKey(event));
    el.editor.addEventListener('blur', () => this.commitEditor());
    // As in Sheets, the formula bar shows what is being typed into the cell.
    el.editor.addEventListener('input', () => (el.formulaBar.value = el.editor.value));
    el.formulaBar.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') {
        event.preventDefault();
        this.commit(el.formulaBar.value, { row: 1, column: 0 });
        el.table.focus();
      } else if (event.key === 'Escape') {
        this.showSelection();
        el.table.focus();
      }
    });
  }

  /** Draws a sheet (unchanged cells keep their elements' state: selection, scroll). */
  show(view: SheetView): void {
    const sameSheet = this.view?.name === view.name;
    this.view = view;
    if (!sameSheet) {
      this.pending.clear();
      this.selected = { row: 1, column: 1 };
    }
    this.render();
    this.showSelection();
  }

  private render(): void {
    const view = this.view as SheetView;
    const head = h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { class: 'corner' }),
        ...view.columnLetters.map((letter, c) =>
          sized(h('th', { scope: 'col' }, letter), view.columnWidths[c]),
        ),
      ),
    );
    const body = h('tbody');
    view.cells.forEach((cells, r) => {
      const row = r + 1;
      const tr = h(
        'tr',
        { class: row <= view.frozenRows ? 'frozen' : '' },
        h('th', { scope: 'row' }, String(row)),
        ...cells.map((cell, c) => this.cellElement(cell, row, c + 1, cells[c + 1])),
      );
      // Each frozen row sticks below the column letters and the frozen rows above it.
      if (row <= view.frozenRows) {
        for (const child of tr.children) (child as HTMLElement).style.top = `${ROW_PX * row}px`;
      }
      body.appendChild(tr);
    });
    replaceChildren(this.el.table, head, body);
  }

  private cellElement(
    cell: CellView,
    row: number,
    column: number,
    next: CellView | undefined,
  ): HTMLElement {
    const a1 = cellName({ row, column });
    const pending = this.pending.get(a1);
    const text =
      pending === undefined ? cell.text : pending.startsWith('=') ? 'Loading...' : pending;
    const classes = [
      cell.numeric && pending === undefined ? 'numeric' : '',
      cell.bold ? 'bold' : '',
      cell.error ? 'error' : '',
      !cell.numeric && text && next?.text === '' ? 'spill' : '',
    ].filter(Boolean);
    const td = h(
      'td',
      {
        role: 'gridcell',
        'data-cell': a1,
        'data-row': row,
        'data-column': column,
        class: classes.join(' '),
        title: cell.error ?? cell.note ?? (text.length > 15 ? text : null),
      },
      text,
    );
    if (cell.background) td.style.backgroundColor = cell.background;
    return sized(td, this.view?.columnWidths[column - 1]);
  }

  private cellAt(p: Position): CellView | undefined {
    return this.view?.cells[p.row - 1]?.[p.column - 1];
  }

  private rawText(): string {
    const a1 = cellName(this.selected);
    const cell = this.cellAt(this.selected);
    return this.pending.get(a1) ?? cell?.formula ?? cell?.text ?? '';
  }

  private select(p: Position): void {
    const view = this.view;
    if (!view) return;
    this.selected = {
      row: Math.min(Math.max(1, p.row), view.rows),
      column: Math.min(Math.max(1, p.column), view.columns),
    };
    this.showSelection();
    this.cellElementAt(this.selected)?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }

  private cellElementAt(p: Position): HTMLElement | null {
    return this.el.table.querySelector(`td[data-cell="${cellName(p)}"]`);
  }

  private showSelection(): void {
    this.el.table.querySelector('td.selected')?.classList.remove('selected');
    this.cellElementAt(this.selected)?.classList.add('selected');
    this.el.nameBox.value = cellName(this.selected);
    if (document.activeElement !== this.el.formulaBar) this.el.formulaBar.value = this.rawText();
  }

  private onGridKey(event: KeyboardEvent): void {
    const moves: Record<string, Position> = {
      ArrowUp: { row: -1, column: 0 },
      ArrowDown: { row: 1, column: 0 },
      ArrowLeft: { row: 0, column: -1 },
      ArrowRight: { row: 0, column: 1 },
      Tab: { row: 0, column: event.shiftKey ? -1 : 1 },
    };
    const move = moves[event.key];
    if (move) {
      event.preventDefault();
      this.select({
        row: this.selected.row + move.row,
        column: this.selected.column + move.column,
      });
    } else if (event.key === 'Enter' || event.key === 'F2') {
      event.preventDefault();
      this.startEditing(this.rawText());
    } else if (event.key === 'Delete' || event.key === 'Backspace') {
      event.preventDefault();
      this.commit('', { row: 0, column: 0 });
    } else if (event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      this.startEditing(event.key);
    }
  }

  private startEditing(text: string): void {
    const td = this.cellElementAt(this.selected);
    if (!td) return;
    const { editor } = this.el;
    editor.style.left = `${td.offsetLeft}px`;
    editor.style.top = `${td.offsetTop}px`;
    editor.style.minWidth = `${td.offsetWidth}px`;
    editor.style.height = `${td.offsetHeight}px`;
    editor.value = text;
    this.el.formulaBar.value = text;
    editor.hidden = false;
    this.editing = true;
    editor.focus();
    editor.setSelectionRange(text.length, text.length);
  }

  private onEditorKey(event: KeyboardEvent): void {
    if (event.key === 'Enter' || event.key === 'Tab') {
      event.preventDefault();
      const move = event.key === 'Enter' ? { row: 1, column: 0 } : { row: 0, column: 1 };
      this.commitEditor(move);
      this.el.table.focus();
    } else if (event.key === 'Escape') {
      this.editing = false;
      this.el.editor.hidden = true;
      this.el.table.focus();
    }
  }

  private commitEditor(move: Position = { row: 0, column: 0 }): void {
    if (!this.editing) return;
    this.editing = false;
    this.el.editor.hidden = true;
    this.commit(this.el.editor.value, move);
  }

  private commit(value: string, move: Position): void {
    const a1 = cellName(this.selected);
    const cell = this.cellAt(this.selected);
    if (value !== (cell?.formula ?? cell?.text ?? '')) {
      this.pending.set(a1, value);
      const td = this.cellElementAt(this.selected);
      if (td) td.textContent = value.startsWith('=') ? 'Loading...' : value;
      this.onCommit(a1, value);
    }
    this.select({ row: this.selected.row + move.row, column: this.selected.column + move.column });
  }

  /** The edit of a cell is done (or refused): the cell shows what the server has. */
  settle(a1: string): void {
    this.pending.delete(a1);
    if (this.view) this.show(this.view);
  }
}

/** A cell of a column a script sized takes that width, whatever the grid's default. */
function sized(cell: HTMLElement, width: number | null | undefined): HTMLElement {
  if (width === 0) cell.style.display = 'none';
  if (width) cell.style.width = cell.style.minWidth = cell.style.maxWidth = `${width}px`;
  return cell;
}

function columnLetters(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

export function cellName(p: Position): string {
  return `${columnLetters(p.column)}${p.row}`;
}
