import { useEffect, useRef, useState } from 'preact/hooks';
import { fetchCount, fetchRuns, type RunsRequest } from '../api';
import type { RunRow } from '../types';
import { latestMaxId, onRunChanges } from './events';
import './live.css';

/**
 * Keeps the loaded rows of the runs table current: rows whose run changed are read again (status, heartbeat,
 * duration, metric summaries) and replaced in place; runs newer than the table are counted, not inserted, so rows
 * never move under the reader. Call `seen()` when the table is read again (it then includes the new runs).
 */
export function useLiveTable(request: RunsRequest, pages: { current: Map<number, RunRow[]> }, redraw: () => void) {
  const [newRuns, setNewRuns] = useState(0);
  const baseline = useRef(0);
  const pending = useRef(new Set<number>());
  const busy = useRef(false);

  const seen = () => {
    baseline.current = latestMaxId();
    setNewRuns(0);
  };

  useEffect(() => {
    let alive = true;
    seen();
    const reread = async () => {
      if (busy.current || pending.current.size === 0) return;
      busy.current = true;
      const ids = [...pending.current];
      pending.current.clear();
      try {
        const page = await fetchRuns({ ...request, q: `id IN (${ids.join(', ')})` }, 0, ids.length);
        if (!alive) return;
        const fresh = new Map(page.rows.map((r) => [r.id, r]));
        for (const rows of pages.current.values()) rows.forEach((row, i) => fresh.has(row.id) && (rows[i] = fresh.get(row.id)!));
        redraw();
      } catch {
        // The next change reads them again.
      } finally {
        busy.current = false;
        if (alive && pending.current.size > 0) void reread();
      }
    };
    const stop = onRunChanges((changes) => {
      if (baseline.current === 0) baseline.current = changes.maxId;
      const shown = new Set<number>();
      for (const rows of pages.current.values()) for (const row of rows) shown.add(row.id);
      for (const change of changes.changed) if (shown.has(change.id) && change.id <= baseline.current) pending.current.add(change.id);
      void reread();
      if (changes.maxId > baseline.current) {
        const after = `id > ${baseline.current}`;
        fetchCount(request.q.trim() ? `(${request.q}) AND ${after}` : after).then(
          (r) => alive && setNewRuns(r.count),
          () => undefined,
        );
      }
    });
    return () => {
      alive = false;
      stop();
    };
  }, [request]);

  return { newRuns, seen };
}
