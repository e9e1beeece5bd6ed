/** Where Brex's API lives. Brex moved to api.brex.com in 2026; the former hosts still answer. */
export const brexBaseUrls = {
  production: 'https://api.brex.com',
  legacy: 'https://platform.brexapis.com',
  staging: 'https://api-staging.brex.com',
} as const;

export type BrexEnvironment = keyof typeof brexBaseUrls;

/** An explicit base URL (the local sandbox) wins over the environment; production is the default. */
export function resolveBaseUrl(choice: {
  environment?: BrexEnvironment;
  baseUrl?: string;
}): string {
  const url = choice.baseUrl ?? brexBaseUrls[choice.environment ?? 'production'];
  return url.replace(/\/+$/, '');
}
