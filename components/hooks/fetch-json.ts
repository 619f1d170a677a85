/**
 * Every client read of our own JSON routes: never cached by the browser, and a failure becomes an Error whose
 * message is the route's own `{error}` (or what a person should do about a lost session).
 */
export async function fetchJson<T>(url: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(url, { cache: "no-store", ...init });
  if (response.status === 401) throw new Error("Your session has ended. Sign in again.");
  if (!response.ok) throw new Error(((await response.json().catch(() => ({}))) as { error?: string }).error ?? `HTTP ${response.status}`);
  return (await response.json()) as T;
}
