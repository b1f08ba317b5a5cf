using System;
using System.Collections.Generic;

namespace Sacred.Recording;

/// <summary>How a run ended.</summary>
/// <param name="Time">UTC stop time.</param>
/// <param name="Status">COMPLETED, FAILED, INTERRUPTED, TIMEOUT or a custom status.</param>
/// <param name="Result">The result, for a completed run.</param>
/// <param name="FailTrace">The exception, formatted as lines, for a failed run.</param>
public sealed record RunEndedEvent(DateTime Time, string Status, ConfigNode? Result, IReadOnlyList<string>? FailTrace);
