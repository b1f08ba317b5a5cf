import { useEffect, useState } from 'preact/hooks';
import { fetchRun } from '../api';
import { onRunChanges } from '../live/events';
import { TensorBoardPanel } from '../tensorboard/TensorBoardPanel';
import { StatusPill } from '../common/StatusPill';
import { formatAgo, formatDuration, formatTime, formatValue } from '../format';
import type { RunDetail } from '../types';
import { lastRunsUrl, onLinkClick, useLocation, withParams } from '../url';
import { ArtifactsView } from './ArtifactsView';
import { ConfigTree } from './ConfigTree';
import { EnvironmentView } from './EnvironmentView';
import { MetricsView } from './MetricsView';
import { NotesEditor } from './NotesEditor';
import { OutputView } from './OutputView';
import { SourcesView } from './SourcesView';
import { TagEditor } from './TagEditor';

const tabs = [
  ['metrics', 'Metrics'],
  ['config', 'Config'],
  ['output', 'Output'],
  ['sources', 'Sources'],
  ['artifacts', 'Artifacts'],
  ['environment', 'Host & environment'],
] as const;

/** One run: what it recorded, with its tags and notes editable; refreshed while it runs. */
export function RunPage({ id, readOnly }: { id: number; readOnly: boolean }) {
  const location = useLocation();
  const tab = location.params.get('tab') ?? 'metrics';
  const [run, setRun] = useState<RunDetail | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let alive = true;
    let loading = false;
    let again = false;
    const load = () => {
      if (loading) return void (again = true);
      loading = true;
      fetchRun(id).then(
        (detail) => {
          loading = false;
          if (!alive) return;
          setRun(detail);
          setError(null);
          if (again) (again = false), load();
        },
        (e: Error) => {
          loading = false;
          if (alive) setError(e.message);
        },
      );
    };
    load();
    // Pushed by the server: read the run again when it changes (status, heartbeat, output, metrics).
    const stop = onRunChanges((changes, kind) => (kind === 'hello' || changes.changed.some((c) => c.id === id)) && load());
    return () => {
      alive = false;
      stop();
    };
  }, [id]);

  if (error && !run) return <main class="run-page"><div class="banner banner-error">{error}</div><a href="/" onClick={(e) => onLinkClick(e, '/')}>← All runs</a></main>;
  if (!run) return <main class="run-page"><div class="muted">Loading run {id}…</div></main>;

  const r = run.run;
  const counts: Record<string, number> = { metrics: run.metrics.length, sources: run.experiment.sources.length, artifacts: run.artifacts.length };
  return (
    <main class="run-page">
      <div class="run-head">
        <a class="back" href={lastRunsUrl()} onClick={(e) => onLinkClick(e, lastRunsUrl())}>
          ← Runs
        </a>
        <h1>
          <span class="run-id">#{r.customId ?? r.id}</span> <span class="run-experiment">{r.experiment}</span>
          <StatusPill status={r.status} />
        </h1>
        <div class="facts">
          <Fact label="command">{r.command}</Fact>
          <Fact label="started">{formatTime(r.start)}</Fact>
          <Fact label="duration">{formatDuration(r.durationMs)}</Fact>
          <Fact label="heartbeat">{formatAgo(r.heartbeat)}</Fact>
          <Fact label="result">
            <span class="mono">{formatValue(r.result)}</span>
          </Fact>
          <Fact label="host">{r.host ?? ''}</Fact>
          <Fact label="seed">
            <span class="mono">{r.seed}</span>
          </Fact>
          {run.experiment.repositories[0] && (
            <Fact label="git">
              <span class="mono" title={run.experiment.repositories[0].url}>
                {run.experiment.repositories[0].commit.slice(0, 10)}
              </span>
              {run.experiment.repositories[0].dirty && <span class="badge badge-warn">dirty</span>}
            </Fact>
          )}
        </div>
        <div class="curation">
          <TagEditor id={r.id} tags={r.tags} readOnly={readOnly} />
          <NotesEditor id={r.id} notes={r.notes} comment={r.comment} readOnly={readOnly} />
        </div>
        <TensorBoardPanel id={r.id} info={run.info} readOnly={readOnly} />
        {run.failTrace && (
          <details class="fail-trace" open>
            <summary>Fail trace</summary>
            <pre>{run.failTrace.join('')}</pre>
          </details>
        )}
      </div>
      <nav class="tabs" role="tablist">
        {tabs.map(([key, label]) => (
          <a
            key={key}
            role="tab"
            aria-selected={tab === key}
            class={tab === key ? 'tab tab-active' : 'tab'}
            href={withParams({ tab: key === 'metrics' ? null : key })}
            onClick={(e) => onLinkClick(e, withParams({ tab: key === 'metrics' ? null : key }))}
          >
            {label}
            {counts[key] !== undefined && <span class="tab-count">{counts[key]}</span>}
          </a>
        ))}
      </nav>
      <section class="tab-body">
        {tab === 'metrics' && <MetricsView id={r.id} metrics={run.metrics} running={r.status === 'RUNNING'} />}
        {tab === 'config' && <ConfigTree config={run.config} modified={run.modified} added={run.added} />}
        {tab === 'output' && <OutputView id={r.id} status={r.status} />}
        {tab === 'sources' && <SourcesView id={r.id} sources={run.experiment.sources} />}
        {tab === 'artifacts' && <ArtifactsView id={r.id} artifacts={run.artifacts} />}
        {tab === 'environment' && <EnvironmentView run={run} />}
      </section>
    </main>
  );
}

function Fact({ label, children }: { label: string; children: preact.ComponentChildren }) {
  return (
    <div class="fact">
      <div class="fact-label">{label}</div>
      <div class="fact-value">{children}</div>
    </div>
  );
}
