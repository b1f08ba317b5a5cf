/**
 * Captured output with ANSI escape sequences, turned into styled segments. Only SGR (colours, bold, ...) is kept;
 * every other sequence (cursor moves, OSC hyperlinks and titles) is dropped. Segments are rendered as text nodes
 * with classes or CSSOM colours: nothing in the output is ever interpreted as markup or a link.
 */
export interface AnsiSegment {
  text: string;
  classes: string;
  color?: string;
  background?: string;
}

interface State {
  fg: string | null;
  bg: string | null;
  fgRgb?: string;
  bgRgb?: string;
  bold: boolean;
  dim: boolean;
  italic: boolean;
  underline: boolean;
}

const fresh = (): State => ({ fg: null, bg: null, bold: false, dim: false, italic: false, underline: false });

const palette256 = (n: number): string => {
  if (n < 16) return ['#000', '#c33', '#3a3', '#c90', '#36c', '#a3a', '#3aa', '#ccc', '#666', '#f55', '#5d5', '#fd5', '#59f', '#d5d', '#5dd', '#fff'][n];
  if (n < 232) {
    const c = n - 16;
    const level = (v: number) => (v === 0 ? 0 : 55 + v * 40);
    return `rgb(${level(Math.floor(c / 36))},${level(Math.floor(c / 6) % 6)},${level(c % 6)})`;
  }
  const g = 8 + (n - 232) * 10;
  return `rgb(${g},${g},${g})`;
};

// CSI ... final byte, OSC ... BEL or ST, and lone ESC + one char.
const escape = /\u001b\[([0-9;?]*)([@-~])|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]/g;

export function parseAnsi(text: string): AnsiSegment[] {
  const segments: AnsiSegment[] = [];
  let state = fresh();
  let last = 0;
  const push = (chunk: string) => {
    if (!chunk) return;
    const classes: string[] = [];
    if (state.fg) classes.push(`fg-${state.fg}`);
    if (state.bg) classes.push(`bg-${state.bg}`);
    if (state.bold) classes.push('ansi-bold');
    if (state.dim) classes.push('ansi-dim');
    if (state.italic) classes.push('ansi-italic');
    if (state.underline) classes.push('ansi-underline');
    segments.push({ text: chunk, classes: classes.join(' '), color: state.fgRgb, background: state.bgRgb });
  };
  for (const match of text.matchAll(escape)) {
    push(text.slice(last, match.index));
    last = match.index! + match[0].length;
    if (match[2] !== 'm') continue;
    const codes = (match[1] || '0').split(';').map((c) => Number(c || 0));
    for (let i = 0; i < codes.length; i++) {
      const c = codes[i];
      if (c === 0) state = fresh();
      else if (c === 1) state.bold = true;
      else if (c === 2) state.dim = true;
      else if (c === 3) state.italic = true;
      else if (c === 4) state.underline = true;
      else if (c === 22) state.bold = state.dim = false;
      else if (c === 23) state.italic = false;
      else if (c === 24) state.underline = false;
      else if (c >= 30 && c <= 37) (state.fg = String(c - 30)), (state.fgRgb = undefined);
      else if (c >= 90 && c <= 97) (state.fg = String(c - 90 + 8)), (state.fgRgb = undefined);
      else if (c === 39) (state.fg = null), (state.fgRgb = undefined);
      else if (c >= 40 && c <= 47) (state.bg = String(c - 40)), (state.bgRgb = undefined);
      else if (c >= 100 && c <= 107) (state.bg = String(c - 100 + 8)), (state.bgRgb = undefined);
      else if (c === 49) (state.bg = null), (state.bgRgb = undefined);
      else if ((c === 38 || c === 48) && codes[i + 1] === 5) {
        const color = palette256(Math.min(255, Math.max(0, codes[i + 2] ?? 0)));
        if (c === 38) (state.fg = null), (state.fgRgb = color);
        else (state.bg = null), (state.bgRgb = color);
        i += 2;
      } else if ((c === 38 || c === 48) && codes[i + 1] === 2) {
        const [r, g, b] = [codes[i + 2], codes[i + 3], codes[i + 4]].map((v) => Math.min(255, Math.max(0, v ?? 0)));
        const color = `rgb(${r},${g},${b})`;
        if (c === 38) (state.fg = null), (state.fgRgb = color);
        else (state.bg = null), (state.bgRgb = color);
        i += 4;
      }
    }
  }
  push(text.slice(last));
  return segments;
}
