import type { TextDiff } from './types';

/** A line diff as text: numbered old/new lines, + and − marked, skipped runs of equal lines summarised. */
export function DiffView({ diff, label }: { diff: TextDiff; label: string }) {
  return (
    <div class="diff" data-run={diff.run}>
      <div class="diff-head">
        <span>{label}</span>
        {diff.identical ? (
          <span class="muted">identical</span>
        ) : (
          <span>
            <span class="diff-added-count">+{diff.added}</span> <span class="diff-removed-count">−{diff.removed}</span>
          </span>
        )}
        {diff.truncated && <span class="muted">only the first part was compared</span>}
        {diff.note && <span class="muted">{diff.note}</span>}
      </div>
      {!diff.identical && (
        <pre class="diff-body">
          {diff.lines.map((line, i) => (
            <div key={i} class={`diff-line ${line.kind === '+' ? 'diff-add' : line.kind === '-' ? 'diff-del' : line.kind === '…' ? 'diff-skip' : ''}`}>
              <span class="diff-num">{line.old ?? ''}</span>
              <span class="diff-num">{line.new ?? ''}</span>
              <span class="diff-mark">{line.kind === '…' ? '' : line.kind}</span>
              <span class="diff-text">{line.text}</span>
            </div>
          ))}
        </pre>
      )}
    </div>
  );
}
