import { useState } from 'preact/hooks';
import { setTags } from '../api';

/** Tags, edited in place: Enter adds, × removes; saved at once. */
export function TagEditor({ id, tags, readOnly }: { id: number; tags: string[]; readOnly: boolean }) {
  const [current, setCurrent] = useState(tags);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const save = async (next: string[]) => {
    try {
      const saved = await setTags(id, next);
      setCurrent(saved.tags);
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <div class="tag-editor">
      <span class="field-label">Tags</span>
      {current.map((t) => (
        <span class="tag" key={t}>
          {t}
          {!readOnly && (
            <button class="tag-remove" aria-label={`remove tag ${t}`} onClick={() => save(current.filter((x) => x !== t))}>
              ×
            </button>
          )}
        </span>
      ))}
      {!readOnly && (
        <input
          class="input input-small"
          aria-label="add a tag"
          placeholder="+ tag"
          value={text}
          onInput={(e) => setText(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && text.trim()) {
              save([...current, text.trim()]);
              setText('');
            }
          }}
        />
      )}
      {current.length === 0 && readOnly && <span class="muted">none</span>}
      {error && <span class="error-text">{error}</span>}
    </div>
  );
}
