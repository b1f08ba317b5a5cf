import type { ComponentChild } from 'preact';
import { StatusPill } from '../common/StatusPill';
import { Tags } from '../common/Tags';
import { formatAgo, formatDuration, formatTime, formatValue } from '../format';
import type { RunRow } from '../types';

/** A column of the runs table: a run attribute, a config key or a metric summary, by its field path. */
export interface Column {
  path: string;
  label: string;
  width: number;
  numeric: boolean;
  render: (row: RunRow, valueIndex: number) => ComponentChild;
}

export const defaultColumns = ['id', 'experiment', 'status', 'tags', 'notes', 'host', 'start', 'duration', 'heartbeat', 'result'];

export const attributeNames = ['id', 'experiment', 'command', 'status', 'tags', 'notes', 'host', 'start', 'stop', 'heartbeat', 'queued', 'duration', 'result', 'seed', 'comment'];

export const isAttribute = (path: string) => attributeNames.includes(path);

const attribute = (path: string, width: number, render: (row: RunRow) => ComponentChild, numeric = false, label = path): Column => ({
  path,
  label,
  width,
  numeric,
  // Plain text goes in a span: a flex cell does not put an ellipsis on its own text; the title shows all of it.
  render: (row) => {
    const content = render(row);
    return typeof content === 'string' && content ? <span title={content}>{content}</span> : content;
  },
});

const attributes: Record<string, Column> = {
  id: attribute('id', 72, (r) => <span class="mono">{r.customId ?? r.id}</span>, true),
  experiment: attribute('experiment', 150, (r) => r.experiment),
  command: attribute('command', 100, (r) => r.command),
  status: attribute('status', 144, (r) => <StatusPill status={r.status} />),
  tags: attribute('tags', 160, (r) => <Tags tags={r.tags} />),
  notes: attribute('notes', 200, (r) => (r.notes ? r.notes : r.comment ? <span class="muted">{r.comment}</span> : '')),
  host: attribute('host', 120, (r) => r.host ?? ''),
  start: attribute('start', 150, (r) => <span title={r.start ?? ''}>{formatTime(r.start)}</span>, true, 'started'),
  stop: attribute('stop', 150, (r) => formatTime(r.stop), true, 'stopped'),
  heartbeat: attribute('heartbeat', 110, (r) => <span title={r.heartbeat ?? ''}>{formatAgo(r.heartbeat)}</span>, true),
  queued: attribute('queued', 140, (r) => formatTime(r.queued), true),
  duration: attribute('duration', 96, (r) => formatDuration(r.durationMs), true),
  result: attribute('result', 96, (r) => <span class="mono">{formatValue(r.result)}</span>, true),
  seed: attribute('seed', 110, (r) => <span class="mono">{r.seed}</span>, true),
  comment: attribute('comment', 180, (r) => r.comment ?? ''),
};

export function columnFor(path: string, width?: number): Column {
  const known = attributes[path];
  if (known) return width ? { ...known, width } : known;
  const metric = path.startsWith('metrics.');
  const label = metric ? path.slice('metrics.'.length) : path.slice('config.'.length);
  return {
    path,
    label,
    width: width ?? (metric ? 130 : 120),
    numeric: metric,
    render: (row, i) => {
      const value = row.values[i];
      return <span class={typeof value === 'number' ? 'mono' : ''}>{formatValue(value)}</span>;
    },
  };
}
