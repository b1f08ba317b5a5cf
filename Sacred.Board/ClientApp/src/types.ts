// The board's API, as Sacred.Board serves it (Api/*Contracts.cs).

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface Session {
  readOnly: boolean;
  csrf: string;
  store: string;
  version: string;
  deadAfterSeconds: number;
}

export interface RunRow {
  id: number;
  customId: string | null;
  experiment: string;
  command: string;
  status: string;
  queued: string | null;
  start: string | null;
  stop: string | null;
  heartbeat: string | null;
  durationMs: number | null;
  result: Json;
  comment: string | null;
  seed: number;
  host: string | null;
  tags: string[];
  notes: string | null;
  values: Json[];
}

export interface RunPage {
  offset: number;
  columns: string[];
  rows: RunRow[];
}

export interface Field {
  path: string;
  type: string;
  description: string;
}

export interface Catalog {
  attributes: Field[];
  configKeys: Field[];
  metrics: string[];
  tags: string[];
  experiments: string[];
  hosts: string[];
  statuses: string[];
}

export interface QueryError {
  message: string;
  position: number;
  length: number;
  expected: string[];
}

export interface ApiErrorBody {
  error: string;
  query: QueryError | null;
  parameter: string | null;
}

export interface MetricSummary {
  name: string;
  count: number;
  min: number | null;
  minStep: number | null;
  max: number | null;
  maxStep: number | null;
  last: number | null;
  lastStep: number;
  mean: number | null;
  firstTime: string;
  lastTime: string;
}

export interface Artifact {
  name: string;
  size: number;
  contentType: string | null;
  preview: 'image' | 'text' | 'json' | 'csv' | 'none';
  added: string;
  sha256: string;
}

export interface RunDetail {
  run: RunRow;
  config: Json;
  modified: string[];
  added: string[];
  typeChanged: string[];
  meta: { command: string; options: Json; comment: string | null; namedConfigs: string[]; configUpdates: Json; priority: number | null };
  host: { hostname: string; os: string[]; cpu: string | null; gpus: Json; dotnetVersion: string; environment: Record<string, string>; extra: Record<string, Json> };
  experiment: {
    name: string;
    baseDirectory: string;
    mainFile: string;
    sources: { path: string; md5: string }[];
    dependencies: { name: string; version: string }[];
    repositories: { url: string; commit: string; dirty: boolean }[];
  };
  info: Json;
  failTrace: string[] | null;
  artifacts: Artifact[];
  resources: { path: string; md5: string }[];
  metrics: MetricSummary[];
  outputChars: number;
  processId: number | null;
  notesUpdated: string | null;
}

export interface MetricSeries {
  name: string;
  totalCount: number;
  downsampled: boolean;
  steps: number[];
  values: (number | null)[];
  times: number[];
}

export interface OutputPage {
  offset: number;
  text: string;
  totalChars: number;
  isEnd: boolean;
  status: string;
}

export interface OutputMatches {
  matches: { offset: number; line: number; text: string }[];
  truncated: boolean;
}

export interface DeletionPlan {
  runs: { id: number; experiment: string; status: string; start: string | null }[];
  missing: number[];
  running: number[];
  metrics: number;
  metricPoints: number;
  outputChars: number;
  artifacts: number;
  filesFreed: { hash: string; name: string; size: number }[];
  filesShared: number;
}

export interface DeletionResult {
  deleted: number[];
  filesDeleted: number;
  bytesFreed: number;
  filesKept: number;
}
