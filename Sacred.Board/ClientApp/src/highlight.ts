/**
 * A small syntax highlighter for recorded sources (C#, JSON, Python, shell, XML): it splits text into tokens
 * with a kind, which the page renders as text nodes with a class. No HTML is ever produced from the source.
 */
export interface Token {
  text: string;
  kind: '' | 'kw' | 'str' | 'com' | 'num' | 'type' | 'attr';
}

const csharpKeywords = new Set(
  'abstract as async await base bool break byte case catch char checked class const continue decimal default delegate do double else enum event explicit extern false finally fixed float for foreach goto if implicit in init int interface internal is lock long namespace new null object operator out override params partial private protected public readonly record ref required return sbyte sealed short sizeof stackalloc static string struct switch this throw true try typeof uint ulong unchecked unsafe ushort using var virtual void volatile when where while with yield get set value'.split(' '),
);
const pythonKeywords = new Set('and as assert async await break class continue def del elif else except False finally for from global if import in is lambda None nonlocal not or pass raise return True try while with yield self'.split(' '));

type Language = 'csharp' | 'python' | 'json' | 'shell' | 'xml' | 'text';

export function languageOf(path: string): Language {
  const ext = path.toLowerCase().split('.').pop() ?? '';
  if (['cs', 'csx', 'ts', 'tsx', 'js', 'java', 'c', 'cpp', 'h', 'go', 'rs'].includes(ext)) return 'csharp';
  if (ext === 'py') return 'python';
  if (ext === 'json') return 'json';
  if (['sh', 'bash'].includes(ext)) return 'shell';
  if (['xml', 'csproj', 'props', 'targets', 'html', 'svg'].includes(ext)) return 'xml';
  return 'text';
}

const rules: Record<Language, [RegExp, Token['kind']][]> = {
  csharp: [
    [/^\/\/[^\n]*/, 'com'],
    [/^\/\*[\s\S]*?(\*\/|$)/, 'com'],
    [/^@?\$?"(?:[^"\\\n]|\\.)*"?/, 'str'],
    [/^'(?:[^'\\\n]|\\.)*'?/, 'str'],
    [/^\[[A-Z][A-Za-z0-9_]*(?=[\](])/, 'attr'],
    [/^\d[\d_]*(\.\d+)?([eE][+-]?\d+)?[fFdDmMlLuU]*/, 'num'],
    [/^[A-Za-z_][A-Za-z0-9_]*/, ''],
  ],
  python: [
    [/^#[^\n]*/, 'com'],
    [/^("""[\s\S]*?("""|$)|'''[\s\S]*?('''|$))/, 'str'],
    [/^[rbfu]*"(?:[^"\\\n]|\\.)*"?/, 'str'],
    [/^[rbfu]*'(?:[^'\\\n]|\\.)*'?/, 'str'],
    [/^@[A-Za-z_.]+/, 'attr'],
    [/^\d[\d_]*(\.\d+)?([eE][+-]?\d+)?/, 'num'],
    [/^[A-Za-z_][A-Za-z0-9_]*/, ''],
  ],
  json: [
    [/^"(?:[^"\\\n]|\\.)*"(?=\s*:)/, 'attr'],
    [/^"(?:[^"\\\n]|\\.)*"?/, 'str'],
    [/^-?\d+(\.\d+)?([eE][+-]?\d+)?/, 'num'],
    [/^(true|false|null)\b/, 'kw'],
  ],
  shell: [
    [/^#[^\n]*/, 'com'],
    [/^"(?:[^"\\]|\\.)*"?|^'[^']*'?/, 'str'],
    [/^\$\{?[A-Za-z_][A-Za-z0-9_]*\}?/, 'attr'],
    [/^[A-Za-z_][A-Za-z0-9_-]*/, ''],
  ],
  xml: [
    [/^<!--[\s\S]*?(-->|$)/, 'com'],
    [/^<\/?[A-Za-z_][\w:.-]*/, 'kw'],
    [/^"[^"]*"?/, 'str'],
    [/^[A-Za-z_][\w:.-]*(?==)/, 'attr'],
  ],
  text: [],
};

export function highlight(text: string, language: Language): Token[] {
  const tokens: Token[] = [];
  const list = rules[language];
  let plain = '';
  let rest = text;
  const flush = () => {
    if (plain) tokens.push({ text: plain, kind: '' });
    plain = '';
  };
  outer: while (rest.length > 0) {
    for (const [pattern, kind] of list) {
      const match = pattern.exec(rest);
      if (match && match[0].length > 0) {
        let k = kind;
        if (k === '' && language === 'csharp') k = csharpKeywords.has(match[0]) ? 'kw' : /^[A-Z]/.test(match[0]) ? 'type' : '';
        if (k === '' && language === 'python') k = pythonKeywords.has(match[0]) ? 'kw' : '';
        if (k === '') plain += match[0];
        else {
          flush();
          tokens.push({ text: match[0], kind: k });
        }
        rest = rest.slice(match[0].length);
        continue outer;
      }
    }
    plain += rest[0];
    rest = rest.slice(1);
  }
  flush();
  return tokens;
}
