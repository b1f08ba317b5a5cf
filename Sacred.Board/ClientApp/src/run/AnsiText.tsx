import { parseAnsi } from '../ansi';

/** Output text with its ANSI colours, as text nodes only. */
export function AnsiText({ text }: { text: string }) {
  return (
    <>
      {parseAnsi(text).map((s, i) =>
        s.classes || s.color || s.background ? (
          <span key={i} class={s.classes} style={s.color || s.background ? { color: s.color, backgroundColor: s.background } : undefined}>
            {s.text}
          </span>
        ) : (
          s.text
        ),
      )}
    </>
  );
}
