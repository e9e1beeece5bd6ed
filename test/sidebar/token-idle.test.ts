import { lastTokenUse, tokenIdleWarning } from '../../src/sidebar/token-idle';

const now = new Date('2026-03-30T12:00:00Z');

describe('tokenIdleWarning', () => {
  it('warns after 20 days without a successful use, naming the fix', () => {
    const warning = tokenIdleWarning(new Date('2026-03-10T11:00:00Z'), now);

    expect(warning).toBe(
      'The Brex token has not been used for 20 days, and Brex expires tokens left idle for 30 to 90 days. Refresh now, or turn on a schedule to keep it active.',
    );
  });

  it('stays quiet at 19 days, and when nothing is known', () => {
    expect(tokenIdleWarning(new Date('2026-03-11T00:00:00Z'), now)).toBeNull();
    expect(tokenIdleWarning(null, now)).toBeNull();
  });
});

describe('lastTokenUse', () => {
  it('is the latest of connecting and each data set’s last success', () => {
    expect(
      lastTokenUse('2026-01-01T00:00:00Z', ['2026-03-02T00:00:00Z', null, '2026-02-01T00:00:00Z']),
    ).toEqual(new Date('2026-03-02T00:00:00Z'));
  });
});
