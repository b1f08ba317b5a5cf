using System.Collections.Generic;

namespace Sacred.Storage.Reading;

/// <summary>
/// A condition on runs, as a tree: what a query such as <c>config.lr &lt; 0.01 OR tags = best</c> means, independent
/// of its spelling and of the store. The embedded store compiles it to SQL with parameters (never evaluating it run
/// by run); another store compiles the same tree to its own query language.
/// </summary>
public abstract record RunFilter;

/// <summary>Every one of <see cref="Filters"/> holds (AND); an empty list holds for every run.</summary>
/// <param name="Filters">The conditions.</param>
public sealed record AllOf(IReadOnlyList<RunFilter> Filters) : RunFilter;

/// <summary>At least one of <see cref="Filters"/> holds (OR); an empty list holds for no run.</summary>
/// <param name="Filters">The conditions.</param>
public sealed record AnyOf(IReadOnlyList<RunFilter> Filters) : RunFilter;

/// <summary>The condition does not hold (NOT).</summary>
/// <param name="Filter">The condition.</param>
public sealed record Not(RunFilter Filter) : RunFilter;

/// <summary>A field compared with a value, e.g. <c>duration &gt; 2h</c> or <c>notes contains "lr"</c>.</summary>
/// <param name="Field">The field.</param>
/// <param name="Operator">The comparison.</param>
/// <param name="Value">The value.</param>
public sealed record FieldComparison(RunField Field, ComparisonOperator Operator, FilterValue Value) : RunFilter;

/// <summary>The field equals one of the values (<c>status IN (FAILED, PROBABLY_DEAD)</c>).</summary>
/// <param name="Field">The field.</param>
/// <param name="Values">The values.</param>
public sealed record FieldInSet(RunField Field, IReadOnlyList<FilterValue> Values) : RunFilter;

/// <summary>The field lies between two values, both included (<c>config.lr = 0.001..0.01</c>).</summary>
/// <param name="Field">The field.</param>
/// <param name="Low">The smallest value that matches.</param>
/// <param name="High">The largest value that matches.</param>
public sealed record FieldInRange(RunField Field, FilterValue Low, FilterValue High) : RunFilter;
