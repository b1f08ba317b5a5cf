import type { ComponentChildren } from 'preact';
import { formatValue } from '../format';
import type { RunDetail } from '../types';
import { ConfigTree } from './ConfigTree';

/** Where and how the run ran: host, git, dependencies, resources, how it was invoked, and its info dict. */
export function EnvironmentView({ run }: { run: RunDetail }) {
  const host = run.host;
  return (
    <div class="environment">
      <Section title="Host">
        <KeyValues
          rows={[
            ['hostname', host.hostname],
            ['os', host.os.join(' · ')],
            ['cpu', host.cpu ?? ''],
            ['gpus', host.gpus === null ? 'none' : JSON.stringify(host.gpus)],
            ['.NET', host.dotnetVersion],
            ['process id', run.processId === null ? '' : String(run.processId)],
            ...Object.entries(host.extra).map(([k, v]) => [k, formatValue(v)] as [string, string]),
          ]}
        />
        {Object.keys(host.environment).length > 0 && <KeyValues rows={Object.entries(host.environment)} title="environment variables" />}
      </Section>
      <Section title="Git">
        {run.experiment.repositories.length === 0 && <div class="muted">Not in a git repository.</div>}
        {run.experiment.repositories.map((r) => (
          <KeyValues key={r.url} rows={[['url', r.url], ['commit', r.commit], ['dirty', r.dirty ? 'yes: uncommitted changes' : 'no']]} />
        ))}
      </Section>
      <Section title={`Dependencies (${run.experiment.dependencies.length})`}>
        <KeyValues rows={run.experiment.dependencies.map((d) => [d.name, d.version])} />
      </Section>
      <Section title={`Resources (${run.resources.length})`}>
        {run.resources.length === 0 ? <div class="muted">No resources opened.</div> : <KeyValues rows={run.resources.map((r) => [r.path, `md5 ${r.md5}`])} />}
      </Section>
      <Section title="Invocation">
        <KeyValues
          rows={[
            ['command', run.meta.command],
            ['named configs', run.meta.namedConfigs.join(', ')],
            ['comment', run.meta.comment ?? ''],
            ['priority', run.meta.priority === null ? '' : String(run.meta.priority)],
            ['base directory', run.experiment.baseDirectory],
            ['main file', run.experiment.mainFile],
          ]}
        />
        <div class="subtitle">options</div>
        <ConfigTree config={run.meta.options} />
      </Section>
      <Section title="Info">
        <ConfigTree config={run.info} />
      </Section>
    </div>
  );
}

function Section({ title, children }: { title: string; children: ComponentChildren }) {
  return (
    <section class="env-section">
      <h3>{title}</h3>
      {children}
    </section>
  );
}

function KeyValues({ rows, title }: { rows: [string, string][]; title?: string }) {
  return (
    <>
      {title && <div class="subtitle">{title}</div>}
      <table class="kv">
        <tbody>
          {rows.map(([k, v]) => (
            <tr key={k}>
              <th>{k}</th>
              <td class="mono">{v}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
