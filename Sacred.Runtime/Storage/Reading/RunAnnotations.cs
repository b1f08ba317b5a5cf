using System;
using System.Collections.Generic;

namespace Sacred.Storage.Reading;

/// <summary>What users wrote about a run in the board.</summary>
/// <param name="Tags">The tags, sorted.</param>
/// <param name="Notes">The notes, or null.</param>
/// <param name="NotesUpdated">When the notes were last changed (UTC).</param>
public sealed record RunAnnotations(IReadOnlyList<string> Tags, string? Notes, DateTime? NotesUpdated);
