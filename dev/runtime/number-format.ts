/**
 * Display values as Sheets renders them: number formats (`0`, `0.00`, `#,##0.00`, `0%`,
 * `"$"#,##0.00`, `[$EUR] 0.00`, sections `pos;neg;zero;text`), date and time formats
 * (`yyyy-mm-dd`, `M/d/yyyy H:mm:ss`, `hh:mm AM/PM`, `mmm d, yyyy`) and plain text `@`.
 */
import { serialToEpoch, wallTime } from './time-zones';

export type CellValue = number | string | boolean;

export const TEXT_FORMAT = '@';
export const DEFAULT_DATE_FORMAT = 'M/d/yyyy';
export const DEFAULT_DATE_TIME_FORMAT = 'M/d/yyyy H:mm:ss';

export const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
export const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Splits on unquoted `;` and drops quoted literals, for inspection only. */
function unquoted(format: string): string {
  return format.replace(/"[^"]*"|\\./g, '').replace(/\[[^\]]*\]/g, '');
}

export function isDateFormat(format: string | undefined): boolean {
  if (!format || format === TEXT_FORMAT) return false;
  return (
    /[dyhs]|m{1,4}/i.test(unquoted(format).split(';')[0] ?? '') && !/[0#]/.test(unquoted(format))
  );
}

function splitSections(format: string): string[] {
  const sections: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < format.length; i++) {
    const ch = format[i] as string;
    if (ch === '"') quoted = !quoted;
    if (ch === '\\' && !quoted) {
      current += ch + (format[i + 1] ?? '');
      i++;
      continue;
    }
    if (ch === ';' && !quoted) {
      sections.push(current);
      current = '';
    } else current += ch;
  }
  sections.push(current);
  return sections;
}

interface Pattern {
  prefix: string;
  suffix: string;
  digits: string;
  percent: boolean;
}

function parsePattern(section: string): Pattern {
  const p: Pattern = { prefix: '', suffix: '', digits: '', percent: false };
  // Text before the first digit placeholder is the prefix; text after it, the suffix.
  const emit = (text: string) => {
    if (p.digits === '') p.prefix += text;
    else p.suffix += text;
  };
  for (let i = 0; i < section.length; i++) {
    const ch = section[i] as string;
    if (ch === '"') {
      const end = section.indexOf('"', i + 1);
      emit(section.slice(i + 1, end < 0 ? undefined : end));
      i = end < 0 ? section.length : end;
    } else if (ch === '\\') {
      emit(section[i + 1] ?? '');
      i++;
    } else if (ch === '[') {
      const end = section.indexOf(']', i);
      const inside = section.slice(i + 1, end < 0 ? undefined : end);
      if (inside.startsWith('$')) emit(inside.slice(1).split('-')[0] ?? '');
      i = end < 0 ? section.length : end;
    } else if (ch === '_') {
      emit(' ');
      i++;
    } else if (ch === '*') {
      i++;
    } else if ('0#?,.'.includes(ch) && p.suffix === '') {
      p.digits += ch;
    } else {
      if (ch === '%') p.percent = true;
      emit(ch);
    }
  }
  return p;
}

function formatWithPattern(value: number, p: Pattern, withSign: boolean): string {
  const scaled = p.percent ? value * 100 : value;
  const [intPattern = '', fracPattern = ''] = p.digits.split('.');
  const maxDecimals = (fracPattern.match(/[0#?]/g) ?? []).length;
  const minDecimals = (fracPattern.match(/0/g) ?? []).length;
  const minInt = (intPattern.match(/0/g) ?? []).length;
  let [int = '0', frac = ''] = Math.abs(scaled).toFixed(maxDecimals).split('.');
  while (frac.length > minDecimals && frac.endsWith('0')) frac = frac.slice(0, -1);
  int = int.replace(/^0+/, '').padStart(minInt, '0');
  if (intPattern.includes(',')) int = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const body = frac ? `${int}.${frac}` : int || (frac ? '' : '0');
  const negative = withSign && scaled < 0 && Number(body.replace(/,/g, '')) !== 0;
  return `${negative ? '-' : ''}${p.prefix}${body}${p.suffix}`;
}

function formatGeneral(value: number): string {
  if (!Number.isFinite(value)) return '#NUM!';
  const rounded = Number(value.toPrecision(15));
  if (Math.abs(rounded) >= 1e15 || (rounded !== 0 && Math.abs(rounded) < 1e-9)) {
    return rounded.toExponential(2).toUpperCase();
  }
  return String(rounded);
}

function formatDate(serial: number, format: string, timeZone: string): string {
  const t = wallTime(serialToEpoch(serial, timeZone), timeZone);
  const tokens =
    format.match(/"[^"]*"|\\.|am\/pm|a\/p|y+|m+|d+|h+|s+|\.0+|[^"\\ymdhsa]+|./gi) ?? [];
  const hasAmPm = tokens.some((tok) => /^(am\/pm|a\/p)$/i.test(tok));
  let out = '';
  tokens.forEach((tok, i) => {
    const lower = tok.toLowerCase();
    const previous = tokens
      .slice(0, i)
      .reverse()
      .find((x) => /^[a-z]/i.test(x))
      ?.toLowerCase();
    const next = tokens
      .slice(i + 1)
      .find((x) => /^[a-z]/i.test(x))
      ?.toLowerCase();
    if (tok.startsWith('"')) out += tok.slice(1, -1);
    else if (tok.startsWith('\\')) out += tok.slice(1);
    else if (lower.startsWith('y'))
      out += lower.length <= 2 ? String(t.year % 100).padStart(2, '0') : String(t.year);
    else if (lower.startsWith('m')) {
      const minutes = previous?.startsWith('h') || next?.startsWith('s');
      if (minutes && lower.length <= 2)
        out += lower.length === 2 ? String(t.minute).padStart(2, '0') : String(t.minute);
      else if (lower.length === 1) out += String(t.month);
      else if (lower.length === 2) out += String(t.month).padStart(2, '0');
      else if (lower.length === 3) out += (MONTHS[t.month - 1] ?? '').slice(0, 3);
      else out += MONTHS[t.month - 1] ?? '';
    } else if (lower.startsWith('d')) {
      if (lower.length === 1) out += String(t.day);
      else if (lower.length === 2) out += String(t.day).padStart(2, '0');
      else if (lower.length === 3) out += (DAYS[t.weekday] ?? '').slice(0, 3);
      else out += DAYS[t.weekday] ?? '';
    } else if (lower.startsWith('h')) {
      const hour = hasAmPm ? ((t.hour + 11) % 12) + 1 : t.hour;
      out += lower.length >= 2 ? String(hour).padStart(2, '0') : String(hour);
    } else if (lower.startsWith('s'))
      out += lower.length >= 2 ? String(t.second).padStart(2, '0') : String(t.second);
    else if (lower.startsWith('.0'))
      out +=
        '.' +
        String(t.millisecond)
          .padStart(3, '0')
          .slice(0, tok.length - 1);
    else if (lower === 'am/pm') out += t.hour < 12 ? 'AM' : 'PM';
    else if (lower === 'a/p') out += t.hour < 12 ? 'A' : 'P';
    else out += tok;
  });
  return out;
}

/** The text Sheets shows for a cell's value under its number format. */
export function displayValue(
  value: CellValue | undefined,
  format: string | undefined,
  timeZone: string,
): string {
  if (value === undefined || value === '') return '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'string') {
    const sections = format ? splitSections(format) : [];
    const textSection = sections[3];
    return textSection !== undefined ? textSection.replace(/@/g, value).replace(/"/g, '') : value;
  }
  if (!format || format === TEXT_FORMAT || /^general$/i.test(format)) return formatGeneral(value);
  if (isDateFormat(format)) return formatDate(value, format, timeZone);
  const sections = splitSections(format);
  let section = sections[0] ?? '';
  let signed = true;
  if (value < 0 && sections[1] !== undefined) {
    section = sections[1];
    signed = false;
  } else if (value === 0 && sections[2] !== undefined) section = sections[2];
  const pattern = parsePattern(section);
  if (!pattern.digits) return pattern.prefix + pattern.suffix;
  return formatWithPattern(value, pattern, signed);
}
