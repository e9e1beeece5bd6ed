import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const manifest = JSON.parse(readFileSync(join(__dirname, '../appsscript.json'), 'utf8')) as {
  runtimeVersion: string;
  exceptionLogging: string;
  oauthScopes: string[];
  urlFetchWhitelist: string[];
};
const built = readFileSync(join(__dirname, '../dist/appsscript.json'), 'utf8');

describe('appsscript.json', () => {
  it('runs on V8 with exception logging', () => {
    expect(manifest.runtimeVersion).toBe('V8');
    expect(manifest.exceptionLogging).toBe('STACKDRIVER');
  });

  it('asks for exactly the minimal scopes documented in docs/deploy.md', () => {
    const deployDoc = readFileSync(join(__dirname, '../docs/deploy.md'), 'utf8');

    expect(manifest.oauthScopes).toEqual([
      'https://www.googleapis.com/auth/spreadsheets.currentonly',
      'https://www.googleapis.com/auth/script.container.ui',
      'https://www.googleapis.com/auth/script.external_request',
      'https://www.googleapis.com/auth/script.scriptapp',
      'https://www.googleapis.com/auth/userinfo.email',
    ]);
    for (const scope of manifest.oauthScopes) expect(deployDoc).toContain(scope);
  });

  it('lets the add-on fetch only Brex API hosts, each a valid whitelist entry', () => {
    expect(manifest.urlFetchWhitelist).toEqual([
      'https://api.brex.com/',
      'https://platform.brexapis.com/',
      'https://api-staging.brex.com/',
      'https://platform.staging.brexapps.com/',
    ]);
    for (const prefix of manifest.urlFetchWhitelist)
      expect(prefix).toMatch(/^https:\/\/[a-z.-]+\/$/);
  });

  it('is copied unchanged into dist', () => {
    expect(JSON.parse(built)).toEqual(manifest);
  });
});
