import { stateFromFile, type WorkbookFile } from '../../dev/runtime/workbook-file';
import { fakeRuntime } from './fake-bundle';

const run = (rt: ReturnType<typeof fakeRuntime>, source: string) => rt.call('exec', [source]);

const INSERT = `var s = SpreadsheetApp.getActive().getSheetByName('Sheet1');
  s.getRange('A1:B3').setValues([['Month', 'Spend'], ['Jan', 10], ['Feb', 12]]);
  s.insertChart(s.newChart().setChartType(Charts.ChartType.COLUMN)
    .addRange(s.getRange('A1:A3')).addRange(s.getRange('B1:B3'))
    .setNumHeaders(1).setPosition(2, 4, 5, 0)
    .setOption('title', 'Spend').setOption('legend', { position: 'none' }).build());`;

describe('runtime embedded charts', () => {
  it('records a built chart with its type, ranges, anchor and options', async () => {
    const rt = fakeRuntime();

    await run(rt, INSERT);

    expect(rt.workbook.sheets[0]?.charts).toEqual([
      {
        id: 1,
        type: 'COLUMN',
        ranges: [
          { sheetId: 0, row: 1, column: 1, rows: 3, columns: 1 },
          { sheetId: 0, row: 1, column: 2, rows: 3, columns: 1 },
        ],
        options: { title: 'Spend', legend: { position: 'none' } },
        position: { row: 2, column: 4, offsetX: 5, offsetY: 0 },
        numHeaders: 1,
      },
    ]);
  });

  it('answers getCharts with the chart’s id, ranges, options and container', async () => {
    const rt = fakeRuntime();
    await run(rt, INSERT);

    const seen = await run(
      rt,
      `var c = SpreadsheetApp.getActive().getSheetByName('Sheet1').getCharts()[0];
       return [c.getChartId(), c.getType(), c.getRanges().map(function (r) { return r.getA1Notation(); }),
         c.getOptions().get('title'), c.getContainerInfo().getAnchorColumn(), typeof c.getSpec];`,
    );

    expect(seen).toEqual([1, 'COLUMN', ['A1:A3', 'B1:B3'], 'Spend', 4, 'undefined']);
  });

  it('modifies and removes a chart', async () => {
    const rt = fakeRuntime();
    await run(rt, INSERT);

    await run(
      rt,
      `var s = SpreadsheetApp.getActive().getSheetByName('Sheet1');
       var c = s.getCharts()[0];
       s.updateChart(c.modify().asPieChart().setOption('title', 'Pie').build());`,
    );
    expect(rt.workbook.sheets[0]?.charts?.map((c) => [c.type, c.options.title])).toEqual([
      ['PIE', 'Pie'],
    ]);
    await run(
      rt,
      `var s = SpreadsheetApp.getActive().getSheetByName('Sheet1'); s.removeChart(s.getCharts()[0]);`,
    );
    expect(rt.workbook.sheets[0]?.charts).toEqual([]);
  });

  it('refuses a chart without data or of an unknown type, as Sheets does', async () => {
    const rt = fakeRuntime();

    await expect(
      run(
        rt,
        `var s = SpreadsheetApp.getActive().getSheetByName('Sheet1'); s.insertChart(s.newChart().build());`,
      ),
    ).rejects.toThrow('The chart has no data');
    await expect(
      run(
        rt,
        `var s = SpreadsheetApp.getActive().getSheetByName('Sheet1');
         s.insertChart(s.newChart().setChartType('DONUT').addRange(s.getRange('A1')).build());`,
      ),
    ).rejects.toThrow('Invalid argument: chartType');
  });

  it('keeps charts in the workbook file, ranges named with their sheet', async () => {
    const rt = fakeRuntime();
    await run(rt, INSERT);

    const file = JSON.parse(JSON.stringify(rt.toFile())) as WorkbookFile;

    expect(file.sheets[0]?.charts).toEqual([
      {
        id: 1,
        type: 'COLUMN',
        ranges: ['Sheet1!A1:A3', 'Sheet1!B1:B3'],
        anchor: 'D2',
        offsetX: 5,
        numHeaders: 1,
        options: { title: 'Spend', legend: { position: 'none' } },
      },
    ]);
    expect(stateFromFile(file).workbook.sheets[0]?.charts).toEqual(rt.workbook.sheets[0]?.charts);
  });
});
