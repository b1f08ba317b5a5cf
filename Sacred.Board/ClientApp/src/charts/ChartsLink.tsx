import { onLinkClick } from '../url';

/** Opens the many-runs charts for the table's current filter, narrowed to the selection when there is one. */
export function ChartsLink({ query, selected }: { query: string; selected: Set<number> }) {
  const params = new URLSearchParams();
  if (query) params.set('q', query);
  if (selected.size > 0) params.set('ids', [...selected].sort((a, b) => a - b).join(','));
  const text = params.toString();
  const url = text ? `/charts?${text}` : '/charts';
  return (
    <a class="button button-small" href={url} onClick={(e) => onLinkClick(e, url)} title="Overlay, group, parallel coordinates and scatter over these runs">
      Charts{selected.size > 0 ? ` (${selected.size} selected)` : ''}
    </a>
  );
}
