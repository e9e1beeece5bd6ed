/**
 * Reads the add-on's entry points from `src/server/index.ts`, the one source of truth.
 *
 * Apps Script only sees top-level `function` declarations, and the formula bar only shows help
 * for a custom function whose `@customfunction` JSDoc sits directly above such a declaration.
 * esbuild drops comments, so the build emits one wrapper per export, carrying the export's own
 * JSDoc, that delegates into the bundle's private namespace.
 */
import ts from 'typescript';

export interface EntryPoint {
  readonly name: string;
  readonly params: readonly string[];
  /** The JSDoc block exactly as written above the export, or '' when it has none. */
  readonly jsdoc: string;
  readonly isCustomFunction: boolean;
}

export function readEntryPoints(sourceText: string, fileName = 'index.ts'): EntryPoint[] {
  const source = ts.createSourceFile(fileName, sourceText, ts.ScriptTarget.ES2020, true);
  const entries: EntryPoint[] = [];
  for (const statement of source.statements) {
    if (!ts.isFunctionDeclaration(statement) || !statement.name) continue;
    const exported = statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (!exported) continue;
    const jsdoc = leadingJsDoc(sourceText, statement);
    entries.push({
      name: statement.name.text,
      params: statement.parameters.map((p) => p.name.getText(source)),
      jsdoc,
      isCustomFunction: /@customfunction\b/.test(jsdoc),
    });
  }
  return entries;
}

function leadingJsDoc(sourceText: string, node: ts.Node): string {
  const ranges = ts.getLeadingCommentRanges(sourceText, node.getFullStart()) ?? [];
  const last = ranges[ranges.length - 1];
  if (!last) return '';
  const text = sourceText.slice(last.pos, last.end);
  return text.startsWith('/**') ? text : '';
}

/** The wrapper that Apps Script sees for one entry point. */
export function renderWrapper(entry: EntryPoint, namespace: string): string {
  const params = entry.params.join(', ');
  const doc = entry.jsdoc ? `${entry.jsdoc}\n` : '';
  return `${doc}function ${entry.name}(${params}) {\n  return ${namespace}.${entry.name}(${params});\n}\n`;
}
