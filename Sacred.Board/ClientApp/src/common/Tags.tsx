export function Tags({ tags }: { tags: string[] }) {
  return (
    <span class="tags">
      {tags.map((t) => (
        <span class="tag" key={t}>
          {t}
        </span>
      ))}
    </span>
  );
}
