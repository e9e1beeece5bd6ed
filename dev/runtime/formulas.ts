/**
 * Formulas the runtime evaluates: a call of one of the bundle's custom functions with literal,
 * cell or range arguments (`=BREX_TRANSACTIONS("2024-01-01", Settings!B1, A2:C4)`). Other
 * formulas stay formulas, with the value `#NAME?`.
 */
import { parseA1, type A1Reference } from './a1-notation';

export type FormulaArgument =
  | { readonly kind: 'literal'; readonly value: string | number | boolean }
  | { readonly kind: 'reference'; readonly ref: A1Reference; readonly text: string };

export interface FunctionCall {
  readonly name: string;
  readonly args: readonly FormulaArgument[];
}

function splitArguments(text: string): string[] | undefined {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  let depth = 0;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    if (!quoted && ch === '(') depth++;
    if (!quoted && ch === ')') depth--;
    if (!quoted && depth === 0 && ch === ',') {
      parts.push(current.trim());
      current = '';
    } else current += ch;
  }
  if (quoted || depth !== 0) return undefined;
  if (current.trim() !== '' || parts.length > 0) parts.push(current.trim());
  return parts;
}

function parseArgument(text: string): FormulaArgument | undefined {
  if (/^"(?:[^"]|"")*"$/.test(text))
    return { kind: 'literal', value: text.slice(1, -1).replace(/""/g, '"') };
  if (/^-?\d+(\.\d+)?$/.test(text)) return { kind: 'literal', value: Number(text) };
  if (/^(TRUE|FALSE)$/i.test(text))
    return { kind: 'literal', value: text.toUpperCase() === 'TRUE' };
  const ref = parseA1(text);
  if (ref && (ref.startRow !== undefined || ref.startColumn !== undefined))
    return { kind: 'reference', ref, text };
  return undefined;
}

/** Parses `=NAME(arg, …)`; undefined when the formula is anything else. */
export function parseFunctionCall(formula: string): FunctionCall | undefined {
  const match = /^=\s*([A-Za-z_][A-Za-z0-9_.]*)\s*\(([\s\S]*)\)\s*$/.exec(formula);
  if (!match) return undefined;
  const parts = splitArguments(match[2] as string);
  if (!parts) return undefined;
  const args: FormulaArgument[] = [];
  for (const part of parts) {
    const arg = part === '' ? ({ kind: 'literal', value: '' } as const) : parseArgument(part);
    if (!arg) return undefined;
    args.push(arg);
  }
  return { name: (match[1] as string).toUpperCase(), args };
}

/** Names of the bundle's custom functions: globals with `@customfunction` in their JSDoc. */
export function customFunctionNames(code: string): string[] {
  const names: string[] = [];
  for (const m of code.matchAll(
    /\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*\nfunction ([A-Za-z_$][\w$]*)\s*\(/g,
  )) {
    if ((m[1] as string).includes('@customfunction')) names.push(m[2] as string);
  }
  return names;
}
