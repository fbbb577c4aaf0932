// The control API's token, for the HTTP transport. `hookscope serve` prints the UI URL with the token
// in the fragment (#token=…), which browsers never send to a server. We read it once, keep it in
// sessionStorage (gone when the tab closes, survives a reload) and take it out of the address bar so
// it does not end up in screenshots, bookmarks or the history.
const STORAGE_KEY = 'hookscope.token';

export function takeTokenFromLocation(): string | null {
  const fromHash = new URLSearchParams(location.hash.replace(/^#/, '')).get('token');
  if (fromHash) {
    sessionStorage.setItem(STORAGE_KEY, fromHash);
    history.replaceState(history.state, '', location.pathname + location.search);
    return fromHash;
  }
  return sessionStorage.getItem(STORAGE_KEY);
}
