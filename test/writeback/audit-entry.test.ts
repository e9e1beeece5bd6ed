import { AUDIT_HEADERS, upgradedHeader } from '../../src/writeback/audit-entry';

describe('upgradedHeader', () => {
  it('renames the spend-limit headers of an older log and adds the columns it lacks', () => {
    const old: string[] = AUDIT_HEADERS.slice(0, 11);
    old[2] = 'Spend limit ID';
    old[3] = 'Spend limit';

    expect(upgradedHeader(old)).toEqual([...AUDIT_HEADERS]);
    expect(AUDIT_HEADERS.slice(2, 4)).toEqual(['Brex ID', 'Target']);
  });

  it('leaves a current header, and a header a person renamed, as they are', () => {
    expect(upgradedHeader([...AUDIT_HEADERS])).toBeNull();
    const renamed: string[] = [...AUDIT_HEADERS];
    renamed[3] = 'What';

    expect(upgradedHeader(renamed)).toBeNull();
  });
});
