import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { fetchOutput, fetchOutputTail, searchOutput } from '../api';
import { formatNumber } from '../format';
import { onRunChanges } from '../live/events';
import type { OutputMatches } from '../types';
import { AnsiText } from './AnsiText';

const PAGE = 65_536;

/**
 * Captured output, tail first: the last lines load at once, earlier pages on demand; while the run is running new
 * output is appended as the server reports it (only what is new is fetched). Search runs on the server over all of it.
 */
export function OutputView({ id, status }: { id: number; status: string }) {
  const [text, setText] = useState('');
  const [start, setStart] = useState(0);
  const [end, setEnd] = useState(0);
  const [total, setTotal] = useState(0);
  const [live, setLive] = useState(status === 'RUNNING');
  const [search, setSearch] = useState('');
  const [matches, setMatches] = useState<OutputMatches | null>(null);
  const [error, setError] = useState<string | null>(null);
  const box = useRef<HTMLPreElement>(null);
  const endRef = useRef(0);
  const stick = useRef(true);

  const show = (offset: number, body: string, totalChars: number) => {
    setText(body);
    setStart(offset);
    setEnd(offset + body.length);
    endRef.current = offset + body.length;
    setTotal(totalChars);
  };

  const loaded = useRef(false);
  useEffect(() => {
    fetchOutputTail(id, 1000).then(
      (page) => {
        show(page.offset, page.text, page.totalChars);
        endRef.current = page.offset + page.text.length;
        loaded.current = true;
      },
      (e: Error) => setError(e.message),
    );
  }, [id]);

  useEffect(() => {
    if (status === 'RUNNING') setLive(true);
  }, [status]);

  // New output is pushed: the server says when this run's output grew, and only what is new is read.
  useEffect(() => {
    if (!live) return;
    let reading = false;
    let again = false;
    const readNew = async () => {
      if (!loaded.current) return;
      if (reading) return void (again = true);
      reading = true;
      try {
        const page = await fetchOutput(id, endRef.current, PAGE);
        if (page.text) {
          setText((t) => t + page.text);
          endRef.current = page.offset + page.text.length;
          setEnd(endRef.current);
        }
        setTotal(page.totalChars);
        if (page.status !== 'RUNNING' && page.isEnd) setLive(false);
      } catch {
        setLive(false);
      } finally {
        reading = false;
        if (again) (again = false), void readNew();
      }
    };
    return onRunChanges((changes, kind) => {
      if (kind === 'hello' || changes.changed.some((c) => c.id === id)) void readNew();
    });
  }, [live, id]);

  useLayoutEffect(() => {
    if (stick.current && box.current) box.current.scrollTop = box.current.scrollHeight;
  }, [text]);

  const earlier = async () => {
    const from = Math.max(0, start - PAGE);
    const page = await fetchOutput(id, from, start - from);
    stick.current = false;
    setText(page.text + text);
    setStart(from);
  };

  const find = async (e: Event) => {
    e.preventDefault();
    if (!search.trim()) return setMatches(null);
    try {
      setMatches(await searchOutput(id, search.trim()));
    } catch (err) {
      setError((err as Error).message);
    }
  };

  const jump = async (offset: number) => {
    const from = Math.max(0, offset - 4000);
    const page = await fetchOutput(id, from, 16000);
    stick.current = false;
    show(page.offset, page.text, page.totalChars);
    requestAnimationFrame(() => {
      const element = box.current;
      if (!element) return;
      const before = page.text.slice(0, offset - from).split('\n').length - 1;
      element.scrollTop = Math.max(0, before * 18 - 80);
    });
  };

  return (
    <div class="output-view">
      <div class="output-bar">
        <form onSubmit={find} class="output-search">
          <input class="input" placeholder="Search the whole output" aria-label="search output" value={search} onInput={(e) => setSearch(e.currentTarget.value)} />
          <button class="button" type="submit">
            Find
          </button>
        </form>
        <span class="muted">
          {start > 0 ? `chars ${formatNumber(start)}–${formatNumber(end)} of ${formatNumber(total)}` : `${formatNumber(total)} chars`}
        </span>
        {live && <span class="badge badge-live">● live</span>}
        <span class="spacer" />
        {start > 0 && (
          <button class="button" onClick={earlier}>
            Load earlier output
          </button>
        )}
      </div>
      {error && <div class="banner banner-error">{error}</div>}
      {matches && (
        <div class="matches">
          <div class="muted">
            {matches.matches.length}
            {matches.truncated ? '+' : ''} line{matches.matches.length === 1 ? '' : 's'} contain “{search}”
          </div>
          {matches.matches.map((m) => (
            <button class="match" key={m.offset} onClick={() => jump(m.offset)}>
              <span class="match-line">{m.line}</span>
              <span class="match-text">{m.text}</span>
            </button>
          ))}
        </div>
      )}
      <pre
        class="output"
        ref={box}
        onScroll={(e) => {
          const el = e.currentTarget;
          stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 30;
        }}
      >
        {text ? <AnsiText text={text} /> : <span class="muted">{total === 0 ? 'This run captured no output.' : ''}</span>}
      </pre>
    </div>
  );
}
