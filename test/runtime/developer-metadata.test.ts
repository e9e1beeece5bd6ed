import { stateFromFile, type WorkbookFile } from '../../dev/runtime/workbook-file';
import { fakeRuntime } from './fake-bundle';

const run = (rt: ReturnType<typeof fakeRuntime>, source: string) => rt.call('exec', [source]);

/** Tags columns B and D, then runs `then`; returns each tag as [key, value, column]. */
const TAG = `var s = SpreadsheetApp.getActive().getSheetByName('Sheet1');
  s.getRange('B1').setValue('Amount'); s.getRange('D1').setValue('Status');
  s.getRange('B:B').addDeveloperMetadata('brex.column', 'Amount',
    SpreadsheetApp.DeveloperMetadataVisibility.DOCUMENT);
  s.getRange(1, 4, s.getMaxRows(), 1).addDeveloperMetadata('brex.column', 'Status');`;
const TAGS = `return s.createDeveloperMetadataFinder().withKey('brex.column').find().map(function (m) {
    return [m.getKey(), m.getValue(), m.getLocation().getColumn().getColumn()];
  });`;

describe('runtime developer metadata on columns', () => {
  it('is found by key on the sheet, on the column and in a range wholly holding the column', async () => {
    const rt = fakeRuntime();
    const seen = await run(
      rt,
      `${TAG}
       var other = s.getRange('C:C').createDeveloperMetadataFinder().withKey('brex.column').find();
       var wide = s.getRange('A:D').createDeveloperMetadataFinder().find();
       var part = s.getRange('A1:D2').createDeveloperMetadataFinder().find();
       var own = s.getRange('D:D').getDeveloperMetadata().map(function (m) { return m.getValue(); });
       return [other.length, wide.length, part.length, own, s.createDeveloperMetadataFinder().withKey('x').find().length];`,
    );
    expect(seen).toEqual([0, 2, 0, ['Status'], 0]);
  });

  it('moves with inserted and moved columns, cells and all', async () => {
    const rt = fakeRuntime();
    const seen = await run(
      rt,
      `${TAG}
       s.insertColumnsBefore(1, 2);
       s.insertColumnsAfter(4, 1);
       var columns = s.createDeveloperMetadataFinder().find().map(function (m) {
         return m.getLocation().getColumn().getColumn(); });
       s.moveColumns(s.getRange('G:G'), 1);
       return [columns, s.getRange('A1').getValue(), s.getRange('E1').getValue(), (function () { ${TAGS} })()];`,
    );
    expect(seen).toEqual([
      [4, 7],
      'Status',
      'Amount',
      [
        ['brex.column', 'Amount', 5],
        ['brex.column', 'Status', 1],
      ],
    ]);
  });

  it('moves left when a column before it is deleted and goes with its own column', async () => {
    const rt = fakeRuntime();
    const seen = await run(rt, `${TAG}\n s.deleteColumn(1);\n s.deleteColumns(3, 1);\n ${TAGS}`);
    expect(seen).toEqual([['brex.column', 'Amount', 1]]);
  });

  it('is removed by remove() and refused on a range that is not a whole column', async () => {
    const rt = fakeRuntime();
    const seen = await run(
      rt,
      `${TAG}
       s.getRange('B:B').getDeveloperMetadata()[0].remove();
       var refused = '';
       try { s.getRange('C1:C5').addDeveloperMetadata('k', 'v'); } catch (e) { refused = e.message; }
       return [s.createDeveloperMetadataFinder().find().length, refused];`,
    );
    expect(seen).toEqual([
      1,
      expect.stringContaining('arbitrary ranges is not currently supported'),
    ]);
  });

  it('is saved in the workbook file and read back', async () => {
    const rt = fakeRuntime();
    await run(rt, TAG);
    const file = JSON.parse(JSON.stringify(rt.toFile())) as WorkbookFile;

    expect(file.sheets[0]?.columnMetadata?.map((m) => [m.value, m.column])).toEqual([
      ['Amount', 'B'],
      ['Status', 'D'],
    ]);
    expect(stateFromFile(file).workbook.sheets[0]?.columnMetadata).toEqual(
      rt.workbook.sheets[0]?.columnMetadata,
    );
  });
});
