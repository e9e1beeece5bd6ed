import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { typedCall } from '../../dev/preview/client/formula-help';
import { functionHelp } from '../../dev/preview/function-help';

const bundle = readFileSync(join(__dirname, '../../dist/Code.js'), 'utf8');

describe('functionHelp', () => {
  it('reads every custom function’s JSDoc from the built bundle, as the formula bar does', () => {
    const help = functionHelp(bundle);

    expect(help.map((f) => f.name)).toEqual(
      expect.arrayContaining(['BREX_TRANSACTIONS', 'BREX_BALANCES', 'BREX_USERS']),
    );
    expect(help.every((f) => f.name.startsWith('BREX_'))).toBe(true);
    expect(help.find((f) => f.name === 'BREX_BALANCES')).toEqual({
      name: 'BREX_BALANCES',
      description:
        'Every Brex card and cash account with its balances, a row each, with a header row.',
      example: "=BREX_BALANCES('Brex Settings'!B1)",
      parameters: [expect.objectContaining({ name: 'refresh', type: 'any' })],
    });
  });
});

describe('typedCall', () => {
  const help = functionHelp(bundle);

  it('finds the function being typed and the argument the cursor is in', () => {
    expect(typedCall('=BREX_TRANSACTIONS("2026-01-01", ', help)).toMatchObject({
      help: { name: 'BREX_TRANSACTIONS' },
      argument: 1,
    });
    expect(typedCall('=brex_bal', help)).toMatchObject({
      help: { name: 'BREX_BALANCE' },
      argument: null,
    });
    expect(typedCall('=SUM(BREX_SPEND("a,b", ', help)).toMatchObject({
      help: { name: 'BREX_SPEND' },
      argument: 1,
    });
  });

  it('stays quiet outside a Brex formula', () => {
    expect(typedCall('BREX_BALANCES(', help)).toBeNull();
    expect(typedCall('=SUM(A1:A3)', help)).toBeNull();
    expect(typedCall('=BREX_BALANCES()', help)).toBeNull();
  });
});
