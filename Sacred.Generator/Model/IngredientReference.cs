namespace Sacred.Generator.Model;

/// <summary>An ingredient listed by an experiment.</summary>
/// <param name="FullName">The ingredient class, fully qualified.</param>
/// <param name="Name">Its path (config prefix and command prefix).</param>
/// <param name="ConfigFullName">The ingredient's config record, fully qualified (generated when it has no <c>[Config]</c> record).</param>
internal sealed record IngredientReference(string FullName, string Name, string ConfigFullName);
