/** The signed-in user. */
export interface Me {
  username: string;
  role: 'admin' | 'analyst' | 'leader';
  personId: string | null;
  name: string | null;
  minGroupSize: number;
}

/** An API error the page shows to the user. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** GET (or POST) a JSON API route with the session cookie; throws ApiError with the server's message. */
export async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(path, {
    credentials: 'same-origin',
    ...init,
    headers: {
      accept: 'application/json',
      // tells the server not to answer 401 with a Basic challenge (the browser would pop up a dialog)
      'x-pushpull-ui': '1',
      ...(init.body ? { 'content-type': 'application/json' } : {}),
    },
  });
  const body = (await res.json().catch(() => ({}))) as { error?: string };
  if (!res.ok) throw new ApiError(res.status, body.error ?? `HTTP ${res.status}`);
  return body as T;
}

/** The selected period (kept in the URL query), default last-90d. */
export function period(): string {
  return new URLSearchParams(location.search).get('period') ?? 'last-90d';
}

/** `path?period=…` */
export function withPeriod(path: string): string {
  return `${path}?period=${encodeURIComponent(period())}`;
}
