/** The card and user actions' pure parts: typed words, reasons, names, emails, the last-synced rows. */
import { codeText, reasonOf, reasonText } from '../../src/writeback/actions/cards';
import { distinctName, resolveIn, takenProblem } from '../../src/writeback/actions/directory';
import { SyncedRows } from '../../src/writeback/actions/synced-rows';
import { emailProblem, textProblem } from '../../src/writeback/actions/typed-text';
import { splitName } from '../../src/writeback/actions/user-invite';
import { MemoryStore } from '../sync/support/memory-store';

describe('typed words', () => {
  it.each([
    ['Locked', 'LOCKED'],
    ['  locked ', 'LOCKED'],
    ['LOCKED', 'LOCKED'],
    ['Do not need virtual card', 'DO_NOT_NEED_VIRTUAL_CARD'],
    ['one-time', 'ONE_TIME'],
  ])('reads %j as %s', (typed, code) => {
    expect(codeText(typed)).toBe(code);
  });

  it('reads a reason in words or as Brex\u2019s code, blank as none, and lists Brex\u2019s when wrong', () => {
    expect(reasonOf('card lost')).toBe('CARD_LOST');
    expect(reasonOf('FRAUD')).toBe('FRAUD');
    expect(reasonOf(' ')).toBeNull();
    const wrong = reasonOf('stolen');
    expect(wrong).toBeInstanceOf(Error);
    expect((wrong as Error).message).toContain('Card lost, Card not received');
    expect(reasonText('DO_NOT_NEED_PHYSICAL_CARD')).toBe('Do not need physical card');
  });
});

describe('names and emails', () => {
  const people = [
    { id: 'u1', name: 'Ana Li', email: 'ana@acme.com' },
    { id: 'u2', name: 'Ana Li', email: 'ana.li@acme.com' },
    { id: 'u3', name: 'Bo Chen', email: 'bo@acme.com' },
  ];

  it('resolves an email, a name, an id, in any case', () => {
    expect(resolveIn(people, 'users', 'BO@ACME.COM')).toEqual({ id: 'u3', name: 'Bo Chen' });
    expect(resolveIn(people, 'users', 'bo chen')).toEqual({ id: 'u3', name: 'Bo Chen' });
    expect(resolveIn(people, 'users', 'u2')).toEqual({ id: 'u2', name: 'Ana Li' });
  });

  it('refuses an ambiguous name listing the candidates, and an unknown one with near names', () => {
    expect(resolveIn(people, 'users', 'Ana Li')).toEqual({
      problem:
        'Two people are named "Ana Li": Ana Li <ana@acme.com>, Ana Li <ana.li@acme.com>. Type the email of the one you mean instead.',
    });
    const unknown = resolveIn(people, 'users', 'Bo Chan');
    expect('problem' in unknown && unknown.problem).toMatch(
      /No person "Bo Chan".*Did you mean Bo Chen/,
    );
  });

  it('refuses a department or location name two of them have, naming where to find the id', () => {
    const departments = [
      { id: 'cudept_1', name: 'Sales' },
      { id: 'cudept_2', name: 'sales ' },
      { id: 'cudept_3', name: 'Finance' },
    ];
    expect(resolveIn(departments, 'departments', 'SALES')).toEqual({
      problem:
        'Two departments are named "SALES": Sales (cudept_1), sales (cudept_2). Type the Brex ID of the one you mean, from "Brex Departments", instead.',
    });
    expect(resolveIn(departments, 'departments', 'cudept_2')).toEqual({
      id: 'cudept_2',
      name: 'sales ',
    });
    const locations = departments.map((d) => ({ ...d, id: d.id.replace('dept', 'loc') }));
    const twice = resolveIn(locations, 'locations', 'sales');
    expect('problem' in twice && twice.problem).toMatch(
      /^Two locations are named "sales": .*from "Brex Locations", instead\.$/,
    );
  });

  it('names an entry with its email or Brex ID only when another has its name', () => {
    expect(distinctName(people, 'u3')).toBe('Bo Chen');
    expect(distinctName(people, 'u2')).toBe('Ana Li <ana.li@acme.com>');
    const departments = [
      { id: 'cudept_1', name: 'Sales' },
      { id: 'cudept_2', name: 'sales' },
    ];
    expect(distinctName(departments, 'cudept_2')).toBe('sales (cudept_2)');
  });

  it('refuses a new name the last sync already has, in any case, naming the one it has', () => {
    const synced = [{ id: 'cuvendor_1', name: 'Acme Supplies ' }];
    expect(takenProblem(synced, 'vendor', 'Brex Vendors', ' acme supplies')).toBe(
      'Brex already has a vendor named "Acme Supplies" (cuvendor_1, in "Brex Vendors"). Use that one, or type another name.',
    );
    expect(takenProblem(synced, 'vendor', 'Brex Vendors', 'Acme Supplies Ltd')).toBeNull();
  });

  it('splits a name into first names and a last name', () => {
    expect(splitName(' Ana  María Li ')).toEqual({ first: 'Ana María', last: 'Li' });
    expect(splitName('Cher')).toBeNull();
  });

  it('refuses formula-looking text and addresses that are not emails', () => {
    expect(textProblem('Name', '=HYPERLINK("x")')).toMatch(/read as a formula/);
    expect(textProblem('Name', 'Ana Li')).toBeNull();
    for (const bad of ['ana', 'ana@', '@acme.com', 'ana li@acme.com', '=1@a.co', 'a@b']) {
      expect(emailProblem(bad)).toMatch(/not an email address/);
    }
    expect(emailProblem('ana.li+cards@acme-demo.com')).toBeNull();
  });
});

describe('last-synced rows', () => {
  it('keeps entries in chunks under a property value, reads them back whole, and none past its budget', () => {
    const store = new MemoryStore();
    const rows = Array.from({ length: 400 }, (_, i) => ({
      id: `cuuser_${i}`,
      name: `Zoë Ñandú ${i}`,
    }));
    SyncedRows.record(store, 'departments', rows);
    for (const value of store.values.values()) {
      expect(Buffer.byteLength(value, 'utf8')).toBeLessThan(9 * 1024);
    }
    const read = SyncedRows.read(store, 'departments');
    expect(read.all()).toEqual(rows);
    read.update([{ id: 'cuuser_7', name: 'Renamed' }]);
    expect(SyncedRows.read(store, 'departments').get('cuuser_7')?.name).toBe('Renamed');
    SyncedRows.record(store, 'departments', rows.slice(0, 1));
    expect(SyncedRows.read(store, 'departments').all()).toHaveLength(1);
    expect(
      [...store.values.keys()].filter((k) => k.startsWith('writeback.rows.departments.')),
    ).toHaveLength(1);
    // 2,000 departments pass the set's 15 KB: none is tracked, rather than some.
    const many = Array.from({ length: 2000 }, (_, i) => ({ id: `cudept_${i}`, name: `Dept ${i}` }));
    SyncedRows.record(store, 'departments', many);
    expect(SyncedRows.read(store, 'departments').all()).toEqual([]);
  });
});
