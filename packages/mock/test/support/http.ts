export const bearer = { authorization: 'Bearer test-token' };

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  body: unknown;
}

/** One real HTTP exchange with a bounded wait, so a hanging mock fails the test instead of stalling it. */
export async function exchange(url: string, init: RequestInit = {}): Promise<Answer> {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(5_000) });
  const text = await response.text();
  let body: unknown = text;
  if (text !== '') {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  return { status: response.status, headers: response.headers, text, body };
}
