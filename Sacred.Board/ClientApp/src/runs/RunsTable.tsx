import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { RunRow } from '../types';
import type { Column } from './columns';

export const ROW_HEIGHT = 36;

/** Preact sets style properties as given: lengths need their unit. */
const px = (n: number) => `${n}px`;
const OVERSCAN = 10;

interface Props {
  columns: Column[];
  valueIndex: Map<string, number>;
  total: number | null;
  rowAt: (index: number) => RunRow | undefined;
  onRange: (first: number, last: number) => void;
  sort: string;
  order: 'asc' | 'desc';
  onSort: (path: string) => void;
  onResize: (path: string, width: number) => void;
  onReorder: (from: string, to: string) => void;
  selected: Set<number>;
  onSelect: (id: number, on: boolean) => void;
  onSelectAll: (on: boolean) => void;
  onOpen: (id: number, event: MouseEvent) => void;
  loading: boolean;
  /** What the table says when it has no rows. */
  empty: string;
}

/**
 * The runs table: only the rows in view (plus a few) exist in the DOM, so a store of 100,000 runs scrolls like one
 * of ten; rows come from the server a page at a time as they scroll into view.
 */
export function RunsTable(props: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const [viewport, setViewport] = useState({ top: 0, height: 600 });
  const [dragging, setDragging] = useState<string | null>(null);
  const total = props.total ?? 0;

  useLayoutEffect(() => {
    const element = scroller.current!;
    const measure = () => setViewport({ top: element.scrollTop, height: element.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const first = Math.max(0, Math.floor(viewport.top / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(total, Math.ceil((viewport.top + viewport.height) / ROW_HEIGHT) + OVERSCAN);
  const { onRange } = props;
  // Before paint: the first page is requested as soon as the table exists, not a frame later.
  useLayoutEffect(() => onRange(first, last), [first, last, total, onRange]);

  const width = props.columns.reduce((sum, c) => sum + c.width, 44);
  const rows = [];
  for (let i = first; i < last; i++) {
    const row = props.rowAt(i);
    const top = i * ROW_HEIGHT;
    if (!row) {
      rows.push(
        <div class="row row-loading" style={{ transform: `translateY(${top}px)`, width: px(width) }} key={`loading-${i}`}>
          <div class="cell cell-select" />
          {props.columns.map((c) => (
            <div class="cell" style={{ width: px(c.width) }} key={c.path}>
              <span class="skeleton" />
            </div>
          ))}
        </div>,
      );
      continue;
    }
    const selected = props.selected.has(row.id);
    rows.push(
      <div class={`row${selected ? ' row-selected' : ''}`} style={{ transform: `translateY(${top}px)`, width: px(width) }} key={row.id} data-run={row.id} onClick={(e) => props.onOpen(row.id, e)}>
        <div class="cell cell-select" onClick={(e) => e.stopPropagation()}>
          <input type="checkbox" aria-label={`select run ${row.id}`} checked={selected} onChange={(e) => props.onSelect(row.id, e.currentTarget.checked)} />
        </div>
        {props.columns.map((c) => (
          <div class={`cell${c.numeric ? ' cell-numeric' : ''}`} style={{ width: px(c.width) }} key={c.path}>
            {c.render(row, props.valueIndex.get(c.path) ?? -1)}
          </div>
        ))}
      </div>,
    );
  }

  const allSelected = total > 0 && props.selected.size >= total;
  return (
    <div class="table-scroll" ref={scroller} onScroll={(e) => setViewport({ top: e.currentTarget.scrollTop, height: e.currentTarget.clientHeight })}>
      <div class="table-head" style={{ width: px(width) }} role="row">
        <div class="cell cell-select">
          <input
            type="checkbox"
            aria-label="select every run on the page"
            checked={allSelected}
            ref={(el) => {
              if (el) el.indeterminate = props.selected.size > 0 && !allSelected;
            }}
            onChange={(e) => props.onSelectAll(e.currentTarget.checked)}
          />
        </div>
        {props.columns.map((c) => (
          <HeaderCell
            key={c.path}
            column={c}
            sorted={props.sort === c.path ? props.order : null}
            dragging={dragging}
            onDrag={setDragging}
            onSort={props.onSort}
            onResize={props.onResize}
            onReorder={props.onReorder}
          />
        ))}
      </div>
      <div class="table-body" style={{ height: px(total * ROW_HEIGHT), width: px(width) }}>
        {rows}
      </div>
      {props.total === 0 && !props.loading && <div class="empty">{props.empty}</div>}
    </div>
  );
}

interface HeaderProps {
  column: Column;
  sorted: 'asc' | 'desc' | null;
  dragging: string | null;
  onDrag: (path: string | null) => void;
  onSort: (path: string) => void;
  onResize: (path: string, width: number) => void;
  onReorder: (from: string, to: string) => void;
}

function HeaderCell({ column, sorted, dragging, onDrag, onSort, onResize, onReorder }: HeaderProps) {
  const [width, setWidth] = useState<number | null>(null);
  const startResize = (event: PointerEvent) => {
    event.preventDefault();
    event.stopPropagation();
    const handle = event.currentTarget as HTMLElement;
    handle.setPointerCapture(event.pointerId);
    const startX = event.clientX;
    const startWidth = column.width;
    let current = startWidth;
    const move = (e: PointerEvent) => {
      current = Math.max(48, Math.round(startWidth + e.clientX - startX));
      setWidth(current);
    };
    const up = () => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', up);
      setWidth(null);
      if (current !== startWidth) onResize(column.path, current);
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', up);
  };
  return (
    <div
      class={`cell head-cell${column.numeric ? ' cell-numeric' : ''}${dragging && dragging !== column.path ? ' drop-target' : ''}`}
      style={{ width: px(width ?? column.width) }}
      draggable
      data-column={column.path}
      title={`${column.path} — click to sort, drag to move`}
      onDragStart={(e) => {
        e.dataTransfer!.setData('text/plain', column.path);
        onDrag(column.path);
      }}
      onDragEnd={() => onDrag(null)}
      onDragOver={(e) => e.preventDefault()}
      onDrop={(e) => {
        e.preventDefault();
        const from = e.dataTransfer!.getData('text/plain');
        onDrag(null);
        if (from && from !== column.path) onReorder(from, column.path);
      }}
      onClick={() => onSort(column.path)}
      aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}
    >
      <span class="head-label">{column.label}</span>
      {sorted && <span class="sort-arrow">{sorted === 'asc' ? '▲' : '▼'}</span>}
      <span class="resize-handle" onPointerDown={startResize} onClick={(e) => e.stopPropagation()} />
    </div>
  );
}
