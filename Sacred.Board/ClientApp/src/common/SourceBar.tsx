import { useEffect, useState } from 'preact/hooks';

/** What the board shows: GET /api/source. */
interface Source {
  kind: 'store' | 'mongo';
  description: string;
  lastPulled: string | null;
  secondsSincePull: number | null;
  problem: string | null;
  unreadable: string | null;
}

function ago(seconds: number): string {
  if (seconds < 60) return `${Math.round(seconds)} s ago`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`;
  return `${Math.round(seconds / 3600)} h ago`;
}

/**
 * For a board over a MongoDB mirror: one line saying what is mirrored and when it was last pulled, and a banner when
 * MongoDB cannot be reached (the mirror stays readable). Nothing for an ordinary store.
 */
export function SourceBar() {
  const [source, setSource] = useState<Source | null>(null);
  useEffect(() => {
    let stopped = false;
    const poll = () =>
      fetch('/api/source', { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
        .then((r) => (r.ok ? (r.json() as Promise<Source>) : null))
        .then((s) => !stopped && setSource(s))
        .catch(() => undefined);
    void poll();
    const timer = setInterval(poll, 2000);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, []);

  if (source?.kind !== 'mongo') return null;
  const pulled = source.secondsSincePull === null ? 'not pulled yet' : `last pulled ${ago(source.secondsSincePull)}`;
  return (
    <>
      <div class="source-line" data-testid="source-line">
        Mirror of {source.description}, {pulled}
        {source.unreadable && <span class="muted"> · {source.unreadable}</span>}
      </div>
      {source.problem && (
        <div class="banner banner-error" role="alert" data-testid="source-problem">
          Connection to MongoDB lost: {source.problem}. Showing the mirror as last pulled; changes are refused until it is back.
        </div>
      )}
    </>
  );
}
