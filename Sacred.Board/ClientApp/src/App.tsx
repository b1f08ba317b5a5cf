import { useEffect, useState } from 'preact/hooks';
import { getSession } from './api';
import { ManyRunsPage } from './charts/ManyRunsPage';
import { SourceBar } from './common/SourceBar';
import { ComparePage } from './compare/ComparePage';
import { RunPage } from './run/RunPage';
import { RunsPage } from './runs/RunsPage';
import type { Session } from './types';
import { onLinkClick, useLocation } from './url';

export function App() {
  const location = useLocation();
  const [session, setSession] = useState<Session | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    getSession().then(setSession, (e: Error) => setError(e.message));
  }, []);

  const run = /^\/runs\/(\d+)\/?$/.exec(location.path);
  return (
    <div class="app">
      <header class="topbar">
        <a class="brand" href="/" onClick={(e) => onLinkClick(e, '/')}>
          <span class="brand-mark" aria-hidden="true" />
          Sacred <span class="brand-board">board</span>
        </a>
        {session && (
          <span class="store" title={session.store}>
            {session.store}
          </span>
        )}
        <span class="spacer" />
        {session?.readOnly && <span class="badge badge-muted" title="Started with --read-only: tags, notes and deleting are off">read-only</span>}
      </header>
      <SourceBar />
      {error && <div class="banner banner-error">Cannot reach the board's server: {error}</div>}
      {/* Pages render at once; the session (read-only flag, CSRF token) arrives alongside, not before, the first rows. */}
      {run ? (
        <RunPage key={run[1]} id={Number(run[1])} readOnly={session?.readOnly ?? true} />
      ) : location.path === '/charts' ? (
        <ManyRunsPage location={location} />
      ) : location.path === '/compare' ? (
        <ComparePage params={location.params} />
      ) : (
        <RunsPage readOnly={session?.readOnly ?? true} location={location} />
      )}
    </div>
  );
}
