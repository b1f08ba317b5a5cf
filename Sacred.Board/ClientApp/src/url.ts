import { useEffect, useState } from 'preact/hooks';

/** The page's address is its state: a link reproduces the view (query, sort, columns, widths, tab). */
export interface Location {
  path: string;
  params: URLSearchParams;
}

const read = (): Location => ({ path: window.location.pathname, params: new URLSearchParams(window.location.search) });

const listeners = new Set<() => void>();
window.addEventListener('popstate', () => listeners.forEach((l) => l()));

export function navigate(url: string, replace = false) {
  if (url === window.location.pathname + window.location.search) return;
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  listeners.forEach((l) => l());
}

export function useLocation(): Location {
  const [location, setLocation] = useState(read);
  useEffect(() => {
    const update = () => setLocation(read());
    listeners.add(update);
    return () => void listeners.delete(update);
  }, []);
  return location;
}

/** Replaces some parameters of the current address (null removes one; an array repeats it). */
export function withParams(changes: Record<string, string | string[] | null>, path = window.location.pathname): string {
  const params = new URLSearchParams(window.location.search);
  for (const [key, value] of Object.entries(changes)) {
    params.delete(key);
    if (value === null) continue;
    for (const v of Array.isArray(value) ? value : [value]) params.append(key, v);
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** Opens a link inside the app, unless the user asked for a new tab. */
export function onLinkClick(event: MouseEvent, url: string) {
  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  navigate(url);
}

let runsUrl = '/';

/** The runs view last shown, so "← Runs" returns to the same query, sort and scroll. */
export const rememberRunsUrl = () => void (runsUrl = window.location.pathname + window.location.search);
export const lastRunsUrl = () => runsUrl;
