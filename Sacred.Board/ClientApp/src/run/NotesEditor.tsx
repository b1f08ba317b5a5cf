import { useState } from 'preact/hooks';
import { setNotes } from '../api';

/** Notes, edited in place: click to edit, saved on leaving the box or Ctrl+Enter. The -c comment shows until notes exist. */
export function NotesEditor({ id, notes, comment, readOnly }: { id: number; notes: string | null; comment: string | null; readOnly: boolean }) {
  const [saved, setSaved] = useState(notes ?? '');
  const [text, setText] = useState(notes ?? '');
  const [editing, setEditing] = useState(false);
  const [state, setState] = useState<string | null>(null);
  const save = async () => {
    setEditing(false);
    if (text === saved) return;
    try {
      const result = await setNotes(id, text);
      setSaved(result.notes ?? '');
      setState('saved');
    } catch (e) {
      setState((e as Error).message);
    }
  };
  return (
    <div class="notes-editor">
      <span class="field-label">Notes</span>
      {editing ? (
        <textarea
          class="input notes-input"
          aria-label="notes"
          value={text}
          rows={3}
          autoFocus
          onInput={(e) => setText(e.currentTarget.value)}
          onBlur={save}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) save();
            if (e.key === 'Escape') (setText(saved), setEditing(false));
          }}
        />
      ) : (
        <div class={`notes-text${readOnly ? '' : ' editable'}`} onClick={() => !readOnly && setEditing(true)} title={readOnly ? '' : 'Click to edit'}>
          {saved || (comment ? <span class="muted">{comment}</span> : <span class="muted">{readOnly ? 'none' : 'Add notes…'}</span>)}
        </div>
      )}
      {state && <span class={state === 'saved' ? 'muted' : 'error-text'}>{state}</span>}
    </div>
  );
}
