/** A JSON request to the preview server; a transport failure reads like Google's own. */
export async function postJson(path: string, body: unknown): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  } catch {
    throw new Error('NetworkError: the preview server is not answering. Restart `npm start`.');
  }
  if (!response.ok) {
    throw new Error(`The preview server answered ${response.status}: ${await response.text()}`);
  }
  return response.json() as Promise<unknown>;
}

export async function getJson(path: string): Promise<unknown> {
  const response = await fetch(path);
  if (!response.ok) {
    throw new Error(`The preview server answered ${response.status}: ${await response.text()}`);
  }
  return response.json() as Promise<unknown>;
}
