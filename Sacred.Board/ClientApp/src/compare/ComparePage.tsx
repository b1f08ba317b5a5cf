import { useEffect, useState } from 'preact/hooks';
import { get } from '../api';
import { StatusPill } from '../common/StatusPill';
import { formatDuration, formatValue } from '../format';
import { lastRunsUrl, navigate, onLinkClick, withParams } from '../url';
import './compare.css';
import { DiffView } from './DiffView';
import { MetricOverlay } from './MetricOverlay';
import type { CompareRow, Comparison, CompareRun } from './types';

const sections = [
  ['changes', 'What changed'],
  ['config', 'Config'],
  ['metrics', 'Metrics'],
  ['output', 'Output'],
] as const;

const runLabel = (r: CompareRun) => `#${r.customId ?? r.id}`;

/** N runs side by side; everything is compared with the first (the baseline). The ids live in the address. */
export function ComparePage({ params }: { params: URLSearchParams }) {
  const ids = (params.get('ids') ?? '').split(',').filter((s) => /^\d+$/.test(s));
  const section = params.get('view') ?? 'changes';
  const differencesOnly = params.get('all') !== '1';
  const [data, setData] = useState<Comparison | null>(null);
  const [error, setError] = useState<string | null>(null);
  const key = ids.join(',');

  useEffect(() => {
    setData(null);
    setError(null);
    get<Comparison>(`/api/compare?ids=${encodeURIComponent(key)}`).then(setData, (e: Error) => setError(e.message));
  }, [key]);

  const back = (
    <a class="back" href={lastRunsUrl()} onClick={(e) => onLinkClick(e, lastRunsUrl())}>
      ← Runs
    </a>
  );
  if (error) return <main class="compare-page">{back}<div class="banner banner-error">{error}</div></main>;
  if (!data) return <main class="compare-page"><div class="muted">Comparing runs {ids.join(', ')}…</div></main>;

  const labels = data.runs.map(runLabel);
  return (
    <main class="compare-page">
      <div class="run-head">
        {back}
        <h1>
          Compare {data.runs.length} runs <span class="muted compare-note">each against the first, {labels[0]}</span>
        </h1>
        <table class="compare-table compare-runs">
          <thead>
            <tr>
              <th />
              {data.runs.map((r, i) => (
                <th key={r.id}>
                  <a href={`/runs/${r.id}`} onClick={(e) => onLinkClick(e, `/runs/${r.id}`)}>
                    {labels[i]}
                  </a>
                  {i === 0 && <span class="badge badge-baseline">baseline</span>}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <Row name="experiment" values={data.runs.map((r) => r.experiment)} />
            <tr>
              <th>status</th>
              {data.runs.map((r) => (
                <td key={r.id}>
                  <StatusPill status={r.status} />
                </td>
              ))}
            </tr>
            <Row name="duration" values={data.runs.map((r) => formatDuration(r.durationMs))} />
            <Row name="result" values={data.runs.map((r) => formatValue(r.result))} mono />
          </tbody>
        </table>
      </div>
      <nav class="tabs" role="tablist">
        {sections.map(([k, label]) => {
          const url = withParams({ view: k === 'changes' ? null : k });
          return (
            <a key={k} role="tab" aria-selected={section === k} class={section === k ? 'tab tab-active' : 'tab'} href={url} onClick={(e) => onLinkClick(e, url)}>
              {label}
            </a>
          );
        })}
      </nav>
      <section class="tab-body">
        {section === 'changes' && <Changes data={data} labels={labels} />}
        {section === 'config' && (
          <ConfigTable data={data} labels={labels} differencesOnly={differencesOnly} onToggle={(on) => navigate(withParams({ all: on ? null : '1' }), true)} />
        )}
        {section === 'metrics' && <Metrics data={data} labels={labels} />}
        {section === 'output' && <Output data={data} labels={labels} />}
      </section>
    </main>
  );
}

function Row({ name, values, mono, change }: { name: string; values: (string | null)[]; mono?: boolean; change?: string }) {
  return (
    <tr class={change && change !== 'same' ? `row-${change}` : undefined}>
      <th class="mono">{name}</th>
      {values.map((v, i) => (
        <td key={i} class={`${mono ? 'mono' : ''}${i > 0 && v !== values[0] ? ' cell-differs' : ''}`}>
          {v ?? <span class="muted">—</span>}
        </td>
      ))}
    </tr>
  );
}

function ConfigTable({ data, labels, differencesOnly, onToggle }: { data: Comparison; labels: string[]; differencesOnly: boolean; onToggle: (on: boolean) => void }) {
  const rows = differencesOnly ? data.config.filter((r) => r.differs) : data.config;
  return (
    <div class="compare-config">
      <label class="check-row">
        <input type="checkbox" checked={differencesOnly} onChange={(e) => onToggle(e.currentTarget.checked)} /> Differences only
        <span class="muted">
          {' '}
          ({data.config.filter((r) => r.differs).length} of {data.config.length} keys differ)
        </span>
      </label>
      <table class="compare-table">
        <thead>
          <tr>
            <th>key</th>
            {labels.map((l) => (
              <th key={l}>{l}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} class={r.differs ? 'row-changed' : undefined} data-key={r.key}>
              <th class="mono">{r.key}</th>
              {r.values.map((v, i) => (
                <td key={i} class={`mono${i > 0 && JSON.stringify(v) !== JSON.stringify(r.values[0]) ? ' cell-differs' : ''}`}>
                  {v === undefined ? <span class="muted">—</span> : v === null ? 'null' : formatValue(v)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 && <div class="muted">No config key differs.</div>}
    </div>
  );
}

/** The one view no dashboard has: every kind of difference between the runs, each listed only where it differs. */
function Changes({ data, labels }: { data: Comparison; labels: string[] }) {
  const label = (run: number) => labels[data.runs.findIndex((r) => r.id === run)] ?? `#${run}`;
  const changedConfig = data.config.filter((r) => r.differs);
  const changedSources = data.sources.filter((s) => s.change !== 'same');
  return (
    <div class="changes">
      <Group title="Config" count={changedConfig.length} none="Same config.">
        <table class="compare-table">
          <tbody>
            {changedConfig.map((r) => (
              <Row key={r.key} name={r.key} values={r.values.map((v) => (v === undefined ? null : v === null ? 'null' : formatValue(v)))} mono change="changed" />
            ))}
          </tbody>
        </table>
      </Group>
      <Group title="Sources" count={changedSources.length} none={`Same ${data.sources.length} source files.`}>
        {changedSources.map((s) => (
          <div class="source-diff" key={s.path} data-path={s.path}>
            <div class="source-diff-path mono">
              {s.path} <span class={`change change-${s.change}`}>{s.change}</span>
            </div>
            {s.diffs.map((d) => (
              <DiffView key={d.run} diff={d} label={`${labels[0]} → ${label(d.run)}`} />
            ))}
          </div>
        ))}
      </Group>
      <RowsGroup title="Dependencies" rows={data.dependencies} labels={labels} none="Same dependencies and versions." />
      <RowsGroup title="Git" rows={data.git} labels={labels} none="Same commit and working-tree state." />
      <RowsGroup title="Host and GPU" rows={data.host} labels={labels} none="Same host." />
      <RowsGroup title="Artifacts" rows={data.artifacts} labels={labels} none="Same artifacts (by SHA-256)." />
    </div>
  );
}

function Group({ title, count, none, children }: { title: string; count: number; none: string; children: preact.ComponentChildren }) {
  return (
    <section class="change-group" data-group={title}>
      <h2>
        {title} {count > 0 && <span class="tab-count">{count}</span>}
      </h2>
      {count === 0 ? <div class="muted">{none}</div> : children}
    </section>
  );
}

function RowsGroup({ title, rows, labels, none }: { title: string; rows: CompareRow[]; labels: string[]; none: string }) {
  const changed = rows.filter((r) => r.change !== 'same');
  return (
    <Group title={title} count={changed.length} none={none}>
      <table class="compare-table">
        <thead>
          <tr>
            <th />
            {labels.map((l) => (
              <th key={l}>{l}</th>
            ))}
            <th />
          </tr>
        </thead>
        <tbody>
          {changed.map((r) => (
            <tr key={r.name} class={`row-${r.change}`}>
              <th class="mono">{r.name}</th>
              {r.values.map((v, i) => (
                <td key={i} class={`mono${i > 0 && v !== r.values[0] ? ' cell-differs' : ''}`}>
                  {v ?? <span class="muted">—</span>}
                </td>
              ))}
              <td>
                <span class={`change change-${r.change}`}>{r.change}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Group>
  );
}

function Metrics({ data, labels }: { data: Comparison; labels: string[] }) {
  if (data.metrics.length === 0) return <div class="muted">None of these runs logged metrics.</div>;
  return (
    <div class="overlay-grid">
      {data.metrics.map((m) => (
        <MetricOverlay
          key={m.name}
          name={m.name}
          runs={data.runs.flatMap((r, i) => (m.logged[i] ? [{ id: r.id, label: `${labels[i]} ${r.experiment}` }] : []))}
        />
      ))}
    </div>
  );
}

function Output({ data, labels }: { data: Comparison; labels: string[] }) {
  return (
    <div class="output-diffs">
      <div class="muted">Captured output, each run against {labels[0]}; dates, times of day and durations are ignored.</div>
      {data.output.map((d, i) => (
        <DiffView key={d.run} diff={d} label={`${labels[0]} → ${labels[i + 1]}`} />
      ))}
    </div>
  );
}
