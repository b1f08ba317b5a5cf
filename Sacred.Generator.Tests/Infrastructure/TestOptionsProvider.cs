using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Sacred.Generator.Tests.Infrastructure;

/// <summary>MSBuild properties as the SDK hands them to generators (build_property.*).</summary>
internal sealed class TestOptionsProvider : AnalyzerConfigOptionsProvider
{
    private readonly Options _global;
    private readonly Dictionary<string, Options> _files = new();

    public TestOptionsProvider(Dictionary<string, string> globalOptions) => _global = new Options(globalOptions);

    /// <summary>With item metadata per additional file path (build_metadata.AdditionalFiles.*).</summary>
    public TestOptionsProvider(Dictionary<string, string> globalOptions, Dictionary<string, Dictionary<string, string>> fileOptions)
        : this(globalOptions)
    {
        foreach (var (path, options) in fileOptions)
        {
            _files[path] = new Options(options);
        }
    }

    public override AnalyzerConfigOptions GlobalOptions => _global;

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) =>
        _files.TryGetValue(textFile.Path, out var options) ? options : Options.Empty;

    private sealed class Options : AnalyzerConfigOptions
    {
        public static readonly Options Empty = new(new Dictionary<string, string>());
        private readonly Dictionary<string, string> _values;

        public Options(Dictionary<string, string> values) => _values = values;

        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => _values.TryGetValue(key, out value);
    }
}
