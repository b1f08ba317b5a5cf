import type { ApiErrorBody, Catalog, DeletionPlan, DeletionResult, Json, MetricSeries, OutputMatches, OutputPage, RunDetail, RunPage, Session } from './types';

/** An API call that failed: the server's one-line message and, for a query, where it went wrong. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly body: ApiErrorBody | null,
  ) {
    super(message);
  }
}

let session: Promise<Session> | null = null;

export function getSession(): Promise<Session> {
  session ??= get<Session>('/api/session');
  return session;
}

async function request<T>(method: string, url: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (method !== 'GET') {
    headers['Content-Type'] = 'application/json';
    headers['X-Sacred-Board'] = (await getSession()).csrf;
  }
  const response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal, credentials: 'same-origin' });
  const text = await response.text();
  if (!response.ok) {
    let parsed: ApiErrorBody | null = null;
    try {
      parsed = JSON.parse(text) as ApiErrorBody;
    } catch {
      parsed = null;
    }
    throw new ApiError(parsed?.error ?? (text.trim() || `${response.status} ${response.statusText}`), response.status, parsed);
  }
  return JSON.parse(text) as T;
}

export const get = <T>(url: string, signal?: AbortSignal) => request<T>('GET', url, undefined, signal);
/** A POST with the session's CSRF token, as every change needs. */
export const post = <T>(url: string, body: unknown = {}) => request<T>('POST', url, body);

const tz = () => `tz=${new Date().getTimezoneOffset()}`;

export interface RunsRequest {
  q: string;
  sort: string;
  order: 'asc' | 'desc';
  columns: string[];
}

export function runsUrl(r: RunsRequest, offset: number, limit: number): string {
  const p = new URLSearchParams({ q: r.q, sort: r.sort, order: r.order, offset: String(offset), limit: String(limit) });
  for (const c of r.columns) p.append('col', c);
  return `/api/runs?${p}&${tz()}`;
}

export const fetchRuns = (r: RunsRequest, offset: number, limit: number, signal?: AbortSignal) => get<RunPage>(runsUrl(r, offset, limit), signal);
export const fetchCount = (q: string, signal?: AbortSignal) => get<{ count: number }>(`/api/runs/count?q=${encodeURIComponent(q)}&${tz()}`, signal);
export const fetchCatalog = () => get<Catalog>('/api/catalog');
export const fetchValues = (field: string) => get<{ values: Json[] }>(`/api/catalog/values?field=${encodeURIComponent(field)}`);
export const fetchRun = (id: number) => get<RunDetail>(`/api/runs/${id}`);
export const fetchOutputTail = (id: number, lines: number) => get<OutputPage>(`/api/runs/${id}/output?tail=${lines}`);
export const fetchOutput = (id: number, offset: number, limit: number) => get<OutputPage>(`/api/runs/${id}/output?offset=${offset}&limit=${limit}`);
export const searchOutput = (id: number, text: string) => get<OutputMatches>(`/api/runs/${id}/output/search?text=${encodeURIComponent(text)}`);
export const fetchSource = (id: number, path: string) => get<{ path: string; md5: string; text: string }>(`/api/runs/${id}/sources?path=${encodeURIComponent(path)}`);
export const fetchMetric = (id: number, name: string, points: number) => get<MetricSeries>(`/api/runs/${id}/metrics?name=${encodeURIComponent(name)}&points=${points}`);
export const artifactUrl = (id: number, name: string, download = false) => `/api/runs/${id}/artifact?name=${encodeURIComponent(name)}${download ? '&download=1' : ''}`;
export const zipUrl = (id: number) => `/api/runs/${id}/artifacts.zip`;

export const setTags = (id: number, tags: string[]) => request<{ tags: string[] }>('PUT', `/api/runs/${id}/tags`, { tags });
export const setNotes = (id: number, notes: string) => request<{ notes: string | null }>('PUT', `/api/runs/${id}/notes`, { notes });
export const bulkTags = (ids: number[], add: string[], remove: string[]) => request<{ runs: number; removed: number }>('POST', '/api/runs/tags', { ids, add, remove });
export const planDeletion = (ids: number[]) => request<DeletionPlan>('POST', '/api/runs/deletion-plan', { ids });
export const deleteRuns = (ids: number[]) => request<DeletionResult>('POST', '/api/runs/delete', { ids });

/** Reads the first bytes of an artifact as text, for previews (never rendered as markup). */
export async function fetchArtifactText(id: number, name: string, maxBytes: number): Promise<{ text: string; truncated: boolean }> {
  const response = await fetch(artifactUrl(id, name), { headers: { Range: `bytes=0-${maxBytes - 1}` }, credentials: 'same-origin' });
  if (!response.ok && response.status !== 206) throw new ApiError(`${response.status} ${response.statusText}`, response.status, null);
  const range = response.headers.get('Content-Range');
  const total = range ? Number(range.split('/')[1]) : NaN;
  const text = await response.text();
  return { text, truncated: response.status === 206 && total > maxBytes };
}
