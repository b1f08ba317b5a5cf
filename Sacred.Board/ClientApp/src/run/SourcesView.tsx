import { useEffect, useState } from 'preact/hooks';
import { fetchSource } from '../api';
import { highlight, languageOf } from '../highlight';

/** The compiled sources the run recorded, with their MD5 and syntax highlighting. */
export function SourcesView({ id, sources }: { id: number; sources: { path: string; md5: string }[] }) {
  const [selected, setSelected] = useState(sources[0]?.path ?? null);
  const [text, setText] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!selected) return;
    setText(null);
    fetchSource(id, selected).then((s) => setText(s.text), (e: Error) => setError(e.message));
  }, [id, selected]);
  if (sources.length === 0) return <div class="muted">This run recorded no source files.</div>;
  const lines = text === null ? [] : highlightLines(text, languageOf(selected ?? ''));
  const md5 = sources.find((s) => s.path === selected)?.md5;
  return (
    <div class="sources">
      <ul class="source-list">
        {sources.map((s) => (
          <li key={s.path}>
            <button class={s.path === selected ? 'source active' : 'source'} onClick={() => setSelected(s.path)} title={`md5 ${s.md5}`}>
              {s.path}
            </button>
          </li>
        ))}
      </ul>
      <div class="source-view">
        <div class="source-head">
          <span class="mono">{selected}</span>
          <span class="muted mono">md5 {md5}</span>
        </div>
        {error && <div class="banner banner-error">{error}</div>}
        <pre class="code">
          {lines.map((tokens, i) => (
            <div class="code-line" key={i}>
              <span class="line-number">{i + 1}</span>
              <span class="line-text">
                {tokens.map((t, j) => (t.kind ? <span key={j} class={`tok-${t.kind}`}>{t.text}</span> : t.text))}
              </span>
            </div>
          ))}
        </pre>
      </div>
    </div>
  );
}

function highlightLines(text: string, language: ReturnType<typeof languageOf>) {
  const lines: ReturnType<typeof highlight>[] = [[]];
  for (const token of highlight(text, language)) {
    const parts = token.text.split('\n');
    parts.forEach((part, i) => {
      if (i > 0) lines.push([]);
      if (part) lines[lines.length - 1].push({ text: part, kind: token.kind });
    });
  }
  if (lines.length > 1 && lines[lines.length - 1].length === 0) lines.pop();
  return lines;
}
