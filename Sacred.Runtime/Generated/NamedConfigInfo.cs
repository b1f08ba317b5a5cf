using System.ComponentModel;

namespace Sacred.Generated;

/// <summary>One named config as the generator saw it.</summary>
/// <param name="Name">The name used after <c>with</c>, e.g. <c>fast</c> or <c>dataset.small</c>.</param>
/// <param name="Doc">The description, if any.</param>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed record NamedConfigInfo(string Name, string? Doc);
