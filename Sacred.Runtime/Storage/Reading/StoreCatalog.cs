using System.Collections.Generic;

namespace Sacred.Storage.Reading;

/// <summary>What a store holds to filter and sort on: the keys for autocomplete and column pickers.</summary>
/// <param name="ConfigKeys">Every config key of any run, dotted, sorted.</param>
/// <param name="Metrics">Every metric name, sorted.</param>
/// <param name="Tags">Every tag in use, sorted.</param>
/// <param name="Experiments">Every experiment name, sorted.</param>
/// <param name="Hosts">Every host name, sorted.</param>
/// <param name="Statuses">Every recorded status, sorted (PROBABLY_DEAD is derived, never recorded).</param>
public sealed record StoreCatalog(
    IReadOnlyList<CatalogKey> ConfigKeys,
    IReadOnlyList<string> Metrics,
    IReadOnlyList<string> Tags,
    IReadOnlyList<string> Experiments,
    IReadOnlyList<string> Hosts,
    IReadOnlyList<string> Statuses);

/// <summary>A config key and the kind of value it holds in some run.</summary>
/// <param name="Key">The dotted key.</param>
/// <param name="Kind"><c>number</c>, <c>text</c> (also true/false and lists) or <c>null</c>.</param>
public sealed record CatalogKey(string Key, string Kind);
