import { AmbiguousHeaderError, findHeader, findHeaderRow } from '../../src/cells/header';
import { locateColumns } from '../../src/sync/upsert-plan';
import { columns } from '../../src/data-sets/columns';

describe('findHeader', () => {
  it('matches exact text only, trimmed on both sides, never another case', () => {
    expect(findHeader(['status', ' Status ', 'STATUS'], 'Status')).toBe(1);
    expect(findHeader(['status', 'STATUS'], 'Status')).toBeNull();
  });

  it('refuses to choose between two columns with the same header', () => {
    expect(() => findHeader(['Status', 'Name', 'Status'], 'Status')).toThrow(AmbiguousHeaderError);
    expect(() => findHeader(['Status', 'Name', 'Status'], 'Status')).toThrow(
      'Columns A and C are both headed "Status"',
    );
  });

  it('lets tags decide once a sheet has any: a renamed column of ours, never a person’s', () => {
    const header = Object.assign(['Status', 'Base limit (USD)', 'Status', 'Brex ID'], {
      tags: [undefined, 'Base limit', 'Status', 'Brex ID'],
    });
    expect(findHeader(header, 'Base limit')).toBe(1);
    expect(findHeader(header, 'Status')).toBe(2);
    // Ours deleted: the person's same-named column is not taken for it.
    const ownDeleted = Object.assign(['Status', 'Brex ID'], { tags: [undefined, 'Brex ID'] });
    expect(findHeader(ownDeleted, 'Status')).toBeNull();
  });

  it('reads header text on a sheet made before tags', () => {
    expect(findHeader(Object.assign(['Name', 'Status'], { tags: [] }), 'Status')).toBe(1);
    // Killed while tagging: the key column, tagged last, is not, so header text still decides.
    const partly = Object.assign(['Name', 'Status', 'Brex ID'], { tags: ['Name'] });
    expect(findHeader(partly, 'Status')).toBe(1);
  });

  it('finds a header pushed down by title rows', () => {
    expect(findHeaderRow([['Q1 review'], [''], ['Brex ID', 'Name']], 'Brex ID')).toBe(2);
    expect(findHeaderRow([['Q1 review']], 'Brex ID')).toBeNull();
  });
});

describe('locateColumns', () => {
  const layout = {
    columns: columns([
      ['Brex ID', 'text'],
      ['Name', 'text'],
    ]),
    keyHeader: 'Brex ID',
    statusHeader: 'Sync status',
  };

  it('puts missing columns right of every used column, even one with an empty header', () => {
    // Column C has no header but holds a person's notes: the used range is three columns wide.
    const { positions, missing } = locateColumns(layout, ['Brex ID', 'Renamed', '']);
    expect(positions.get('Brex ID')).toBe(0);
    expect(missing).toEqual([
      { header: 'Name', index: 3 },
      { header: 'Sync status', index: 4 },
    ]);
  });

  it('never reuses a tagged column past the used range for a missing one', () => {
    const header = Object.assign(['Brex ID'], { tags: ['Brex ID', undefined, 'Sync status'] });
    expect(locateColumns(layout, header).missing).toEqual([{ header: 'Name', index: 3 }]);
  });
});
