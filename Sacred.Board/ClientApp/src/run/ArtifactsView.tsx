import { useEffect, useState } from 'preact/hooks';
import { artifactUrl, fetchArtifactText, zipUrl } from '../api';
import { formatBytes, formatTime } from '../format';
import type { Artifact } from '../types';

const PREVIEW_BYTES = 256 * 1024;

/** Artifacts with previews that cannot run anything: images as images, everything else as text. */
export function ArtifactsView({ id, artifacts }: { id: number; artifacts: Artifact[] }) {
  const [open, setOpen] = useState<string | null>(artifacts.find((a) => a.preview !== 'none')?.name ?? null);
  if (artifacts.length === 0) return <div class="muted">This run recorded no artifacts.</div>;
  const total = artifacts.reduce((sum, a) => sum + a.size, 0);
  return (
    <div class="artifacts">
      <div class="artifacts-bar">
        <span class="muted">
          {artifacts.length} file{artifacts.length === 1 ? '' : 's'}, {formatBytes(total)}
        </span>
        <a class="button" href={zipUrl(id)} download>
          Download all (.zip)
        </a>
      </div>
      <table class="grid">
        <thead>
          <tr>
            <th>name</th>
            <th class="num">size</th>
            <th>added</th>
            <th>sha-256</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {artifacts.map((a) => (
            <tr key={a.name} class={open === a.name ? 'selected' : ''}>
              <td>
                {a.preview !== 'none' ? (
                  <button class="link" onClick={() => setOpen(open === a.name ? null : a.name)}>
                    {a.name}
                  </button>
                ) : (
                  a.name
                )}
              </td>
              <td class="num">{formatBytes(a.size)}</td>
              <td>{formatTime(a.added)}</td>
              <td class="mono muted" title={a.sha256}>
                {a.sha256.slice(0, 12)}
              </td>
              <td>
                <a class="button button-small" href={artifactUrl(id, a.name, true)} download>
                  Download
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {open && <Preview id={id} artifact={artifacts.find((a) => a.name === open)!} />}
    </div>
  );
}

function Preview({ id, artifact }: { id: number; artifact: Artifact }) {
  const [content, setContent] = useState<{ text: string; truncated: boolean } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setContent(null);
    if (artifact.preview === 'image' || artifact.preview === 'none') return;
    fetchArtifactText(id, artifact.name, PREVIEW_BYTES).then(setContent, (e: Error) => setError(e.message));
  }, [id, artifact.name]);
  return (
    <div class="preview" data-preview={artifact.preview}>
      <div class="preview-head">
        <span class="mono">{artifact.name}</span>
        {content?.truncated && <span class="muted">first {formatBytes(PREVIEW_BYTES)} shown</span>}
      </div>
      {error && <div class="banner banner-error">{error}</div>}
      {artifact.preview === 'image' && <img class="preview-image" src={artifactUrl(id, artifact.name)} alt={artifact.name} />}
      {content && artifact.preview === 'csv' && <CsvHead text={content.text} tab={artifact.name.toLowerCase().endsWith('.tsv')} />}
      {content && artifact.preview === 'json' && <pre class="preview-text">{prettyJson(content.text, content.truncated)}</pre>}
      {content && artifact.preview === 'text' && <pre class="preview-text">{content.text}</pre>}
    </div>
  );
}

function prettyJson(text: string, truncated: boolean): string {
  if (truncated) return text;
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

function CsvHead({ text, tab }: { text: string; tab: boolean }) {
  const rows = parseCsv(text, tab ? '\t' : ',').slice(0, 51);
  if (rows.length === 0) return <div class="muted">empty</div>;
  const [head, ...body] = rows;
  return (
    <div class="csv">
      <table class="grid">
        <thead>
          <tr>
            {head.map((h, i) => (
              <th key={i}>{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {body.map((row, i) => (
            <tr key={i}>
              {row.map((cell, j) => (
                <td key={j} class={/^-?\d+(\.\d+)?(e-?\d+)?$/i.test(cell) ? 'num mono' : ''}>
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length > 50 && <div class="muted">first 50 rows</div>}
    </div>
  );
}

function parseCsv(text: string, separator: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length && rows.length <= 51; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === separator) (row.push(cell), (cell = ''));
    else if (c === '\n') (row.push(cell.replace(/\r$/, '')), rows.push(row), (row = []), (cell = ''));
    else cell += c;
  }
  if (cell || row.length) (row.push(cell), rows.push(row));
  return rows;
}
