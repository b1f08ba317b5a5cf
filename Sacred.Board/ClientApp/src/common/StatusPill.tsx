const labels: Record<string, string> = { PROBABLY_DEAD: 'probably dead' };

export function StatusPill({ status }: { status: string }) {
  const known = ['QUEUED', 'RUNNING', 'COMPLETED', 'FAILED', 'INTERRUPTED', 'TIMEOUT', 'PROBABLY_DEAD'].includes(status);
  return (
    <span class={`status status-${known ? status.toLowerCase() : 'other'}`} title={status === 'PROBABLY_DEAD' ? 'RUNNING, but no heartbeat for a while: the process most likely died' : status}>
      <span class="status-dot" aria-hidden="true" />
      {labels[status] ?? status.toLowerCase()}
    </span>
  );
}
