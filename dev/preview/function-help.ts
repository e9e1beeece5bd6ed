/**
 * The formula help Sheets shows while a custom function is typed, read from the built bundle:
 * each `@customfunction` wrapper's JSDoc (description, example, parameters), as Apps Script reads
 * it for the formula bar. Pure text parsing; the page shows it (client/formula-help.ts).
 */
export interface FunctionParameterHelp {
  readonly name: string;
  readonly type: string;
  readonly description: string;
}

export interface FunctionHelp {
  readonly name: string;
  readonly description: string;
  readonly example: string | null;
  readonly parameters: readonly FunctionParameterHelp[];
}

/** A JSDoc block (never crossing its own end) right before a top-level function. */
const WRAPPER = /\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*function\s+([A-Z][A-Z0-9_]*)\s*\(/g;

/** Pure: the help of every custom function in a bundle's source. */
export function functionHelp(bundle: string): FunctionHelp[] {
  const found: FunctionHelp[] = [];
  for (const [, doc = '', name = ''] of bundle.matchAll(WRAPPER)) {
    const lines = doc.split('\n').map((line) => line.replace(/^\s*\*\s?/, '').trimEnd());
    if (!lines.some((line) => line.startsWith('@customfunction'))) continue;
    const text = lines.filter((line) => !line.startsWith('@'));
    const example = text.find((line) => line.startsWith('Example:'));
    found.push({
      name,
      description: text
        .filter((line) => line !== example)
        .join(' ')
        .replace(/\s+/g, ' ')
        .trim(),
      example: example ? example.slice('Example:'.length).trim() : null,
      parameters: lines.flatMap((line) => {
        const param = /^@param\s+\{([^}]*)\}\s+(\w+)\s*(.*)$/.exec(line);
        return param
          ? [{ type: param[1] ?? '', name: param[2] ?? '', description: param[3] ?? '' }]
          : [];
      }),
    });
  }
  return found;
}
