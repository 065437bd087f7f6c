const STORAGE_KEY = 'gatehouse.token';

interface TokenEnvironment {
  readonly location: Pick<Location, 'href'>;
  readonly history: Pick<History, 'replaceState' | 'state'>;
  readonly storage: Pick<Storage, 'getItem' | 'setItem'> | null;
}

/**
 * Reads the studio token from `?token=` once, keeps it in sessionStorage (so a reload of this tab still
 * works) and removes it from the address bar so it does not linger in history or screenshots.
 */
export function takeToken(env: TokenEnvironment): string | null {
  const url = new URL(env.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    try {
      env.storage?.setItem(STORAGE_KEY, fromUrl);
    } catch {
      // Storage may be disabled; the token then lives only in memory for this page.
    }
    url.searchParams.delete('token');
    env.history.replaceState(env.history.state, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  try {
    return env.storage?.getItem(STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}
