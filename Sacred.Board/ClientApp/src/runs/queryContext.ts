/** Where the caret is in a query, for autocomplete: a field, an operator, a value (of which field) or AND/OR. */
export interface CaretContext {
  kind: 'field' | 'operator' | 'value' | 'connective';
  prefix: string;
  start: number;
  field?: string;
}

const tokenPattern = /"(?:[^"\\]|\\.)*"?|'(?:[^'\\]|\\.)*'?|!=|!~|<=|>=|==|[=<>~]|[(),]|[^\s()=!<>~,"']+/g;
const comparison = new Set(['=', '==', '!=', '<', '<=', '>', '>=', '~', '!~']);
const isBreak = (c: string) => /[\s()=!<>~,"']/.test(c);
const upper = (t: string | undefined) => (t ?? '').toUpperCase();

export function caretContext(text: string, caret: number): CaretContext {
  let start = caret;
  while (start > 0 && !isBreak(text[start - 1])) start--;
  const prefix = text.slice(start, caret);
  const tokens = text.slice(0, start).match(tokenPattern) ?? [];
  const last = tokens[tokens.length - 1];
  if (last === undefined || last === '(' && upper(tokens[tokens.length - 2]) !== 'IN' || ['AND', 'OR', 'NOT'].includes(upper(last))) {
    if (upper(last) === 'AND' && upper(tokens[tokens.length - 3]) === 'BETWEEN') return { kind: 'value', prefix, start, field: tokens[tokens.length - 4] };
    if (upper(last) === 'NOT' && tokens.length >= 2 && !['AND', 'OR', 'NOT', '('].includes(upper(tokens[tokens.length - 2]))) return { kind: 'operator', prefix, start };
    return { kind: 'field', prefix, start };
  }
  if (comparison.has(last) || ['CONTAINS', 'BETWEEN'].includes(upper(last))) return { kind: 'value', prefix, start, field: tokens[tokens.length - 2] };
  if (last === '(' || last === ',') {
    for (let i = tokens.length - 1; i > 0; i--) {
      if (upper(tokens[i]) === 'IN') return { kind: 'value', prefix, start, field: upper(tokens[i - 1]) === 'NOT' ? tokens[i - 2] : tokens[i - 1] };
      if (tokens[i] === ')') break;
    }
    return { kind: 'field', prefix, start };
  }
  const beforeLast = tokens[tokens.length - 2];
  if (beforeLast === undefined || beforeLast === '(' || ['AND', 'OR', 'NOT'].includes(upper(beforeLast))) return { kind: 'operator', prefix, start };
  return { kind: 'connective', prefix, start };
}
