import { BrexError, toBrexDateTime } from '../../src/brex';

describe('query-string', () => {
  describe('toBrexDateTime', () => {
    it('writes a Date as UTC to the second, with no zone suffix', () => {
      expect(toBrexDateTime(new Date(Date.UTC(2024, 2, 1, 17, 5, 9, 123)))).toBe(
        '2024-03-01T17:05:09',
      );
    });

    it('converts a text with a zone to UTC', () => {
      expect(toBrexDateTime('2024-03-01T01:00:00-05:00')).toBe('2024-03-01T06:00:00');
      expect(toBrexDateTime('2024-03-01T06:00:00.250Z')).toBe('2024-03-01T06:00:00');
    });

    it('reads a text without a zone, or a bare date, as UTC', () => {
      expect(toBrexDateTime('2024-03-01')).toBe('2024-03-01T00:00:00');
      expect(toBrexDateTime('2024-03-01T23:59:59.999')).toBe('2024-03-01T23:59:59');
    });

    it('rejects an unreadable date with a message naming the fix', () => {
      let error: unknown;
      try {
        toBrexDateTime('31/01/2024');
      } catch (thrown) {
        error = thrown;
      }

      expect(error).toBeInstanceOf(BrexError);
      expect(error).toMatchObject({ kind: 'invalid_input' });
      expect((error as Error).message).toBe(
        '"31/01/2024" is not a date and time Brex can filter by. Use a date such as 2024-01-31 or 2024-01-31T08:00:00Z.',
      );
    });
  });
});
