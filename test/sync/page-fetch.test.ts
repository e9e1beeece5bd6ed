/** A saved cursor Brex refuses, and a page size it forced: what a refresh reads and says. */
import { BrexError, type Page } from '../../src/brex';
import { fetchPage } from '../../src/sync/page-fetch';

const refused = (status: number, kind: 'bad_request' | 'not_found' | 'unexpected_status') =>
  new BrexError({ kind, status, operation: 'listExpenses', message: 'Invalid cursor' });

function source(answer: (cursor: string | null) => Page<string>) {
  const asked: (string | null)[] = [];
  return {
    asked,
    source: {
      key: 'all',
      fetch: (cursor: string | null) => {
        asked.push(cursor);
        return answer(cursor);
      },
    },
  };
}

const first: Page<string> = { items: ['a'], cursor: null, nextCursor: 'c1', traceId: null };

describe('fetchPage', () => {
  it.each([
    [400, 'bad_request'],
    [404, 'not_found'],
    [410, 'unexpected_status'],
  ] as const)('reads the first page again when Brex refuses the cursor with %i', (status, kind) => {
    const { source: s, asked } = source((cursor) => {
      if (cursor !== null) throw refused(status, kind);
      return first;
    });

    const fetched = fetchPage(s, 'stale', true, '2026-03-01T00:00:00');

    expect(asked).toEqual(['stale', null]);
    expect(fetched).toMatchObject({ page: first, restarted: true });
    expect(fetched.note).toMatch(/read again from 2026-03-01T00:00:00/);
  });

  it('throws the refusal when a restart was already spent, or on the first page', () => {
    const always = source(() => {
      throw refused(400, 'bad_request');
    }).source;

    expect(() => fetchPage(always, 'stale', false, 'x')).toThrow('Invalid cursor');
    expect(() => fetchPage(always, null, true, 'x')).toThrow('Invalid cursor');
  });

  it('throws any other failure as it is', () => {
    const down = source(() => {
      throw new BrexError({ kind: 'server_error', status: 503, operation: 'x', message: 'Down' });
    }).source;

    expect(() => fetchPage(down, 'c', true, 'x')).toThrow('Down');
  });

  it('notes a page size Brex forced', () => {
    const small = source(() => ({ ...first, pageSize: { largest: 100, used: 50 } })).source;

    expect(fetchPage(small, null, true, 'x').note).toBe(
      'Brex refused pages of 100 items, so this list is read 50 at a time.',
    );
  });
});
