import { useEffect, useState } from 'preact/hooks';
import { deleteRuns, planDeletion } from '../api';
import { formatBytes, formatNumber, formatTime } from '../format';
import type { DeletionPlan } from '../types';

interface Props {
  ids: number[];
  onDone: (deleted: number[]) => void;
  onCancel: () => void;
}

/** Shows exactly what will go (runs, metrics, output, files no other run uses) before anything is deleted. */
export function DeleteDialog({ ids, onDone, onCancel }: Props) {
  const [plan, setPlan] = useState<DeletionPlan | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    planDeletion(ids).then(setPlan, (e: Error) => setError(e.message));
  }, [ids]);
  const confirm = async () => {
    setBusy(true);
    try {
      const result = await deleteRuns(plan!.runs.map((r) => r.id));
      onDone(result.deleted);
    } catch (e) {
      setError((e as Error).message);
      setBusy(false);
    }
  };
  const bytes = plan?.filesFreed.reduce((sum, f) => sum + f.size, 0) ?? 0;
  return (
    <div class="modal-backdrop" onClick={onCancel}>
      <div class="modal" role="dialog" aria-label="delete runs" onClick={(e) => e.stopPropagation()}>
        <h2>Delete {plan ? plan.runs.length : ids.length} run{(plan ? plan.runs.length : ids.length) === 1 ? '' : 's'}?</h2>
        {error && <div class="banner banner-error">{error}</div>}
        {!plan && !error && <div class="muted">Working out what would go…</div>}
        {plan && (
          <>
            <p>This cannot be undone. It removes:</p>
            <ul class="plan">
              <li>
                <b>{plan.runs.length}</b> run records with their config, output ({formatNumber(plan.outputChars)} chars), tags and notes
              </li>
              <li>
                <b>{plan.metrics}</b> metric series ({formatNumber(plan.metricPoints)} points)
              </li>
              <li>
                <b>{plan.filesFreed.length}</b> stored files no other run uses ({formatBytes(bytes)}); {plan.filesShared} shared file{plan.filesShared === 1 ? ' stays' : 's stay'}
              </li>
            </ul>
            {plan.running.length > 0 && (
              <div class="banner banner-warn">
                Still running, so kept: {plan.running.join(', ')}. Stop them first, or wait until they show as probably dead.
              </div>
            )}
            <div class="plan-runs">
              {plan.runs.slice(0, 50).map((r) => (
                <div class="plan-run" key={r.id}>
                  <span class="mono">{r.id}</span> <span>{r.experiment}</span> <span class="muted">{r.status.toLowerCase()}</span> <span class="muted">{formatTime(r.start)}</span>
                </div>
              ))}
              {plan.runs.length > 50 && <div class="muted">… and {plan.runs.length - 50} more</div>}
            </div>
          </>
        )}
        <div class="modal-actions">
          <button class="button" onClick={onCancel}>
            Cancel
          </button>
          <button class="button button-danger" disabled={!plan || plan.runs.length === 0 || busy} onClick={confirm}>
            {busy ? 'Deleting…' : `Delete ${plan?.runs.length ?? ''} run${plan?.runs.length === 1 ? '' : 's'}`}
          </button>
        </div>
      </div>
    </div>
  );
}
