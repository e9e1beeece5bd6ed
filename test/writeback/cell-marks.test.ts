import {
  NOTE_PREFIX,
  PENDING_BACKGROUND,
  planMarks,
  REFUSED_BACKGROUND,
} from '../../src/writeback/cell-marks';

describe('planMarks', () => {
  it('highlights pending cells and notes refused ones, keyed by sheet row', () => {
    const planned = planMarks(
      { backgrounds: ['#ffffff', '#ffffff', '#ffffff'], notes: ['', '', ''] },
      new Map([
        [2, { kind: 'pending' as const }],
        [4, { kind: 'refused' as const, why: 'Blank. Type an amount.' }],
      ]),
    );
    expect(planned).toEqual({
      backgrounds: [PENDING_BACKGROUND, '#ffffff', REFUSED_BACKGROUND],
      notes: ['', '', `${NOTE_PREFIX}Blank. Type an amount.`],
    });
  });

  it('clears its own stale marks and keeps a person\u2019s colours and notes', () => {
    const planned = planMarks(
      {
        backgrounds: [PENDING_BACKGROUND, '#00ff00', REFUSED_BACKGROUND],
        notes: ['', 'my note', `${NOTE_PREFIX}old reason`],
      },
      new Map(),
    );
    expect(planned).toEqual({
      backgrounds: ['#ffffff', '#00ff00', '#ffffff'],
      notes: ['', 'my note', ''],
    });
  });

  it('returns null when nothing changes, so nothing is written', () => {
    expect(planMarks({ backgrounds: ['#ffffff'], notes: [''] }, new Map())).toBeNull();
  });
});
