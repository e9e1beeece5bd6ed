/**
 * Checks on text a person types for Brex (a name, an email). Text is always written back as text
 * (`toCell`), so a value that looks like a formula never becomes one; it is still refused as a
 * name, since Brex would show it to everyone as typed.
 */

/**
 * Leading characters that make Sheets (or a spreadsheet a CSV export lands in) read a formula,
 * also behind the apostrophe a plain-text cell keeps as typed ('=…).
 */
const FORMULA_START = /^'?[=+\-@]/;
/** A plain address: one @, no spaces or angle brackets, a dot in the domain. */
const EMAIL = /^[^\s@<>(),;:"[\]]+@[^\s@<>(),;:"[\]]+\.[A-Za-z]{2,}$/;

/** Pure: why a typed name cannot go to Brex; null when it can. */
export function textProblem(header: string, text: string): string | null {
  if (FORMULA_START.test(text)) {
    const start = text.replace(/^'/, '').charAt(0);
    return `"${header}" starts with "${start}", which spreadsheets read as a formula. Type the name without it.`;
  }
  if (text.length > 200) return `"${header}" is longer than 200 characters. Shorten it.`;
  return null;
}

/** Pure: why a typed email cannot go to Brex; null when it can. */
export function emailProblem(text: string): string | null {
  if (text === '') return 'An email is needed. Type the person\u2019s work email in "Email".';
  if (FORMULA_START.test(text) || !EMAIL.test(text)) {
    return `"${text}" is not an email address. Type one such as ana.li@example.com in "Email".`;
  }
  return null;
}
