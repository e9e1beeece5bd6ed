/**
 * Names people type, resolved to Brex ids from the last sync: a user by email or name, a
 * department or location by name (an id is taken as it is). An unknown or ambiguous name is
 * refused with the candidates listed, never guessed at; so is any name while the sheet it is
 * matched against ("Brex Departments", "Brex Locations") was never synced, naming that sheet.
 * A new department, location or vendor whose name the last sync already has is refused at review
 * too: names are how rows point at them, so two of one name could not be told apart.
 */
import type { KeyValuePort } from '../../ports/key-value-port';
import { SyncedRows } from './synced-rows';

export type Directory = 'users' | 'departments' | 'locations';

export type Resolved =
  { readonly id: string; readonly name: string } | { readonly problem: string };

const WHAT: Record<Directory, { one: string; sheet: string }> = {
  users: { one: 'person', sheet: 'Brex Users' },
  departments: { one: 'department', sheet: 'Brex Departments' },
  locations: { one: 'location', sheet: 'Brex Locations' },
};

/** At most this many candidates are listed in a message. */
const LISTED = 5;

interface Named {
  readonly id: string;
  readonly name: string;
  readonly email?: string;
}

export function entries(store: KeyValuePort, kind: Directory): Named[] {
  return SyncedRows.read(store, kind).all() as Named[];
}

/** Pure: the one entry `text` names, or why there is none. */
export function resolveIn(all: readonly Named[], kind: Directory, text: string): Resolved {
  const wanted = text.trim();
  const lower = wanted.toLowerCase();
  const { one, sheet } = WHAT[kind];
  if (all.length === 0 && kind !== 'users') {
    // Never synced (or empty): no name can be checked, and an unchecked id is not sent either.
    return {
      problem: `"${wanted}" cannot be matched to a ${one}: "${sheet}" has not been synced in this spreadsheet. Sync ${sheet} first (Extensions ▸ Brex ▸ Open sidebar), then review again.`,
    };
  }
  const byId = all.find((e) => e.id === wanted);
  if (byId) return { id: byId.id, name: byId.name };
  const matches = all.filter(
    (e) => e.name.trim().toLowerCase() === lower || e.email?.toLowerCase() === lower,
  );
  const label = (e: Named): string =>
    e.email ? `${e.name.trim()} <${e.email}>` : `${e.name.trim()} (${e.id})`;
  if (matches.length === 1) {
    const [match] = matches as [Named];
    return { id: match.id, name: match.name };
  }
  if (matches.length > 1) {
    const many = `${countWord(matches.length)} ${one === 'person' ? 'people' : `${one}s`}`;
    const fix =
      one === 'person'
        ? 'Type the email of the one you mean instead.'
        : `Type the Brex ID of the one you mean, from "${sheet}", instead.`;
    return {
      problem: `${many} are named "${wanted}": ${matches.slice(0, LISTED).map(label).join(', ')}. ${fix}`,
    };
  }
  const near = all
    .filter((e) => lower !== '' && e.name.toLowerCase().includes(lower.split(/[\s@]/)[0] ?? lower))
    .slice(0, LISTED);
  const hint = near.length > 0 ? ` Did you mean ${near.map(label).join(', ')}?` : '';
  return {
    problem: `No ${one} "${wanted}" in the last sync of "${sheet}".${hint} Type a name or ${one === 'person' ? 'email' : 'Brex ID'} from that sheet, or refresh it first.`,
  };
}

/** Pure: 2 → "Two", as a sentence starts; beyond ten, the digits. */
function countWord(count: number): string {
  const words = ['Two', 'Three', 'Four', 'Five', 'Six', 'Seven', 'Eight', 'Nine', 'Ten'];
  return words[count - 2] ?? String(count);
}

export function resolve(store: KeyValuePort, kind: Directory, text: string): Resolved {
  return resolveIn(entries(store, kind), kind, text);
}

/**
 * Pure: how a review names an entry so that it cannot be taken for another: its name, with the
 * email (a person) or Brex ID (a department, location) when another entry has that name too.
 */
export function distinctName(all: readonly Named[], id: string): string {
  const entry = all.find((e) => e.id === id);
  if (!entry) return id;
  const name = entry.name.trim().toLowerCase();
  const shared = all.some((e) => e.id !== id && e.name.trim().toLowerCase() === name);
  if (!shared) return entry.name;
  return entry.email ? `${entry.name} <${entry.email}>` : `${entry.name} (${entry.id})`;
}

/** An id's name in the last sync ('' when none). */
export function nameOf(store: KeyValuePort, kind: Directory, id: string): string {
  if (!id) return '';
  return SyncedRows.read(store, kind).get(id)?.name ?? '';
}

/**
 * Pure: why a name the last sync already has cannot be created again ("Sales" beside "sales");
 * null when none has it. Brex's own list is read again at push for a name added since.
 */
export function takenProblem(
  synced: readonly { readonly id: string; readonly name: string }[],
  noun: string,
  sheet: string,
  name: string,
): string | null {
  const wanted = name.trim().toLowerCase();
  const taken = synced.find((entry) => entry.name.trim().toLowerCase() === wanted);
  return taken
    ? `Brex already has a ${noun} named "${taken.name.trim()}" (${taken.id}, in "${sheet}"). Use that one, or type another name.`
    : null;
}
