// Live updates pushed by the server: GET /api/events (server-sent events, Sacred.Board/Api/EventsApi.cs).

/** A run whose status, heartbeat, end or output length changed; status is effective (PROBABLY_DEAD when stale). */
export interface RunChange {
  id: number;
  status: string;
  heartbeat: string | null;
  stop: string | null;
  durationMs: number | null;
  outputChars: number;
}

/** One event: the largest run id now (larger than a page knows: new runs) and the runs that changed. */
export interface RunChanges {
  maxId: number;
  changed: RunChange[];
}

/** 'hello' on every (re)connection, with no changes; 'runs' when something changed. */
export type RunChangesListener = (changes: RunChanges, kind: 'hello' | 'runs') => void;

/**
 * The name of the DOM event fired on window for every server event, for code that would rather not import this
 * module: `window.addEventListener(RUNS_EVENT, (e) => (e as CustomEvent<RunChanges>).detail)`.
 */
export const RUNS_EVENT = 'sacred:runs';

const listeners = new Set<RunChangesListener>();
let source: EventSource | null = null;
let maxId = 0;

/** The largest run id the server last reported (0 before the first event). */
export const latestMaxId = () => maxId;

function dispatch(kind: 'hello' | 'runs', data: string) {
  const changes = JSON.parse(data) as RunChanges;
  maxId = changes.maxId;
  window.dispatchEvent(new CustomEvent<RunChanges>(RUNS_EVENT, { detail: changes }));
  for (const listener of [...listeners]) listener(changes, kind);
}

/**
 * Listens to the board's live feed; the one shared connection opens with the first listener and closes with the
 * last. Returns the function that stops listening.
 */
export function onRunChanges(listener: RunChangesListener): () => void {
  listeners.add(listener);
  if (!source) {
    source = new EventSource('/api/events', { withCredentials: true });
    source.addEventListener('hello', (e) => dispatch('hello', (e as MessageEvent<string>).data));
    source.addEventListener('runs', (e) => dispatch('runs', (e as MessageEvent<string>).data));
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && source) {
      source.close();
      source = null;
    }
  };
}
