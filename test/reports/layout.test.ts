import { chartPlacements, SECTIONS, TABLE_COLUMNS } from '../../src/reports/layout';

describe('dashboard layout', () => {
  it('keeps sections apart, each with a blank row a person may use above the next', () => {
    SECTIONS.slice(1).forEach((section, i) => {
      const previous = SECTIONS[i];
      const lastRow = (previous?.row ?? 0) + 2 + (previous?.capacity ?? 0);
      expect(section.row).toBeGreaterThan(lastRow + 1);
    });
  });

  it('anchors each chart beside its table, within its section, reading only table columns', () => {
    const placements = chartPlacements();
    for (const [i, chart] of placements.entries()) {
      expect(chart.anchorColumn).toBeGreaterThan(TABLE_COLUMNS);
      expect(chart.columns.every((c) => c < TABLE_COLUMNS)).toBe(true);
      const next = placements[i + 1];
      if (next) expect(next.anchorRow - chart.anchorRow).toBeGreaterThanOrEqual(16);
    }
    expect(placements.map((p) => p.kind)).toEqual(['COLUMN', 'PIE', 'BAR', 'BAR', 'BAR', 'BAR']);
  });
});
