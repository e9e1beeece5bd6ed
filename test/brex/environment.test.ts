import { clientFor, json } from './fakes';

describe('brex client base URL', () => {
  it.each([
    [{}, 'https://api.brex.com/v2/users/me'],
    [{ environment: 'legacy' as const }, 'https://platform.brexapis.com/v2/users/me'],
    [{ environment: 'staging' as const }, 'https://api-staging.brex.com/v2/users/me'],
    [{ baseUrl: 'http://127.0.0.1:8787/' }, 'http://127.0.0.1:8787/v2/users/me'],
  ])('sends requests for %j to %s', (choice, url) => {
    const { client, http } = clientFor([json(200, { id: 'me' })], choice);

    client.getMe();

    expect(http.requests[0]?.url).toBe(url);
  });
});
