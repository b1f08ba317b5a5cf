import { useEffect, useState } from 'preact/hooks';
import { get, post } from '../api';
import type { Json } from '../types';
import './tensorboard.css';

interface TensorBoardState {
  logDirs: { path: string; exists: boolean }[];
  executable: string | null;
  command: string;
  url: string | null;
}

/** True when the run recorded TensorBoard log directories (info.tensorflow.logdirs, as Sacred's LogFileWriter does). */
const hasLogDirs = (info: Json) =>
  typeof info === 'object' && info !== null && !Array.isArray(info) && typeof info.tensorflow === 'object' && info.tensorflow !== null && !Array.isArray(info.tensorflow) && Array.isArray(info.tensorflow.logdirs) && info.tensorflow.logdirs.length > 0;

/** The run's TensorBoard log directories, and one action that starts TensorBoard on them (or the command to run). */
export function TensorBoardPanel({ id, info, readOnly }: { id: number; info: Json; readOnly: boolean }) {
  const show = hasLogDirs(info);
  const [state, setState] = useState<TensorBoardState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  useEffect(() => {
    if (show) get<TensorBoardState>(`/api/runs/${id}/tensorboard`).then(setState, (e: Error) => setError(e.message));
  }, [id, show]);
  if (!show) return null;

  const start = async () => {
    setStarting(true);
    setError(null);
    try {
      setState(await post<TensorBoardState>(`/api/runs/${id}/tensorboard`));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setStarting(false);
    }
  };

  return (
    <div class="tensorboard" aria-label="TensorBoard">
      <div class="tensorboard-head">
        <b>TensorBoard</b>
        {state?.url ? (
          <a class="button button-small" href={state.url} target="_blank" rel="noopener noreferrer">
            Open TensorBoard ({state.url})
          </a>
        ) : state?.executable ? (
          !readOnly && (
            <button class="button button-small" disabled={starting} onClick={start}>
              {starting ? 'Starting…' : 'Start TensorBoard'}
            </button>
          )
        ) : (
          state && <span class="muted">tensorboard is not installed here (not on the PATH); run:</span>
        )}
      </div>
      {state && !state.url && (!state.executable || readOnly) && <pre class="tensorboard-command">{state.command}</pre>}
      <ul class="tensorboard-dirs">
        {(state?.logDirs ?? []).map((d) => (
          <li key={d.path} class="mono">
            {d.path} {!d.exists && <span class="muted">(not on this machine)</span>}
          </li>
        ))}
      </ul>
      {error && <div class="error-text">{error}</div>}
    </div>
  );
}
