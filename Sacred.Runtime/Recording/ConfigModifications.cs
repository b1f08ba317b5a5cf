using System.Collections.Generic;

namespace Sacred.Recording;

/// <summary>Which config keys were changed from the defaults, and how.</summary>
public sealed record ConfigModifications(
    IReadOnlyList<string> Modified,
    IReadOnlyList<string> Added,
    IReadOnlyList<string> TypeChanged);
