// GET /api/compare?ids=… (Sacred.Board/Api/CompareContracts.cs).
import type { Json } from '../types';

export interface CompareRun {
  id: number;
  customId: string | null;
  experiment: string;
  status: string;
  start: string | null;
  durationMs: number | null;
  result: Json;
  outputChars: number;
}

/** How a row changes from the first run (the baseline). */
export type Change = 'same' | 'changed' | 'added' | 'removed';

export interface DiffLine {
  kind: ' ' | '+' | '-' | '…';
  old: number | null;
  new: number | null;
  text: string;
}

export interface TextDiff {
  run: number;
  identical: boolean;
  added: number;
  removed: number;
  truncated: boolean;
  note: string | null;
  lines: DiffLine[];
}

export interface CompareRow {
  name: string;
  values: (string | null)[];
  change: Change;
}

export interface Comparison {
  runs: CompareRun[];
  config: { key: string; values: (Json | undefined)[]; differs: boolean }[];
  sources: { path: string; md5s: (string | null)[]; change: Change; diffs: TextDiff[] }[];
  dependencies: CompareRow[];
  git: CompareRow[];
  host: CompareRow[];
  artifacts: CompareRow[];
  metrics: { name: string; logged: boolean[] }[];
  output: TextDiff[];
}
