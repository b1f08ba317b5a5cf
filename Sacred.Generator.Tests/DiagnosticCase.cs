using System.Collections.Generic;

namespace Sacred.Generator.Tests;

/// <summary>A source that must fail with one diagnostic, and its fixed twin that must compile clean.</summary>
/// <param name="Id">The diagnostic id.</param>
/// <param name="Source">The failing source.</param>
/// <param name="Files">Additional files of the failing case.</param>
/// <param name="SpanText">The exact text the diagnostic points at.</param>
/// <param name="Message">The exact message.</param>
/// <param name="FixedSource">The corrected source.</param>
/// <param name="FixedFiles">Additional files of the corrected case.</param>
/// <param name="RuntimeStub">
/// Source of a stand-in Sacred.Runtime the failing case compiles against instead of the real one; the fixed twin
/// always uses the real runtime.
/// </param>
/// <param name="Variant">Tells apart cases of one id.</param>
public sealed record DiagnosticCase(
    string Id,
    string Source,
    IReadOnlyList<(string Path, string Text)> Files,
    string SpanText,
    string Message,
    string FixedSource,
    IReadOnlyList<(string Path, string Text)> FixedFiles,
    string? RuntimeStub = null,
    string? Variant = null)
{
    public override string ToString() => Variant is null ? Id : Id + " (" + Variant + ")";
}
