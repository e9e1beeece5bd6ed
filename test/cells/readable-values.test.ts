import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { codeOf, readable, readableTable } from '../../src/cells/readable-values';

describe('readable-values', () => {
  describe('readable', () => {
    it('shows known codes as sentence-case words, with the listed exceptions', () => {
      expect(['PER_MONTH', 'GENERAL_MERCHANDISE', 'LOCKED', 'OUT_OF_POLICY'].map(readable)).toEqual(
        ['Per month', 'General merchandise', 'Locked', 'Out of policy'],
      );
      expect(['ACH', 'RECURRING_SOFTWARE_AND_SAAS', 'TRAVEL_WIFI'].map(readable)).toEqual([
        'ACH',
        'Recurring software and SaaS',
        'Travel Wi-Fi',
      ]);
    });

    it('keeps a code it does not know exactly as Brex sent it, and blank for none', () => {
      expect([readable('QUANTUM_TELEPORT'), readable('per_month'), readable(null)]).toEqual([
        'QUANTUM_TELEPORT',
        'per_month',
        '',
      ]);
    });
  });

  describe('codeOf', () => {
    it('reads back the words in any case, or the code itself', () => {
      expect(['Per month', ' per MONTH ', 'PER_MONTH', 'Travel wi-fi'].map(codeOf)).toEqual([
        'PER_MONTH',
        'PER_MONTH',
        'PER_MONTH',
        'TRAVEL_WIFI',
      ]);
    });

    it('gives back every known code from its words, and an unknown text as typed', () => {
      for (const [code, words] of readableTable()) expect(codeOf(words)).toBe(code);
      expect(codeOf('QUANTUM_TELEPORT')).toBe('QUANTUM_TELEPORT');
    });
  });

  it('maps no two codes to the same words', () => {
    const words = readableTable().map(([, w]) => w.toLowerCase());
    expect(new Set(words).size).toBe(words.length);
  });

  it('is documented: docs/sheets.md lists every exception to the sentence-case rule', () => {
    const docs = readFileSync(join(__dirname, '../../docs/sheets.md'), 'utf8');
    const sentence = (code: string) =>
      code.charAt(0) + code.slice(1).toLowerCase().replace(/_/g, ' ');
    const exceptions = readableTable().filter(([code, words]) => words !== sentence(code));
    for (const [code, words] of exceptions)
      expect(docs).toMatch(new RegExp(`\`${code}\`\\s*\\|\\s*${words}`));
  });
});
