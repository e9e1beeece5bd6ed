import { dataSetById, DATA_SETS } from '../../src/data-sets';
import { REPORT_SOURCES } from '../../src/reports/sources';

describe('report sources', () => {
  it.each(REPORT_SOURCES.map((s) => [s.sheetName, s]))(
    'reads %s only by headers its data set defines',
    (_name, source) => {
      const dataSet = DATA_SETS.find((d) => d.sheetName === source.sheetName);
      const headers = dataSet?.columns.map((c) => c.header) ?? [];

      expect(dataSet).toBeDefined();
      for (const header of Object.values(source.headers)) expect(headers).toContain(header);
    },
  );

  it('covers the card transactions, expenses, accounts and spend limits', () => {
    expect(REPORT_SOURCES.map((s) => s.sheetName)).toEqual(
      ['card_transactions', 'expenses', 'accounts', 'spend_limits'].map(
        (id) => dataSetById(id)?.sheetName,
      ),
    );
  });
});
