using System.Text;
using Sacred.Formatting;
using Sacred.Generated;

namespace Sacred.Host;

/// <summary>
/// Renders <c>print_dependencies</c> as Sacred does: <c>Dependencies:</c>, <c>Sources:</c> and, when the
/// experiment lives in a git repository, <c>Version Control:</c> (an <c>M</c> marks a dirty tree), then a blank line.
/// Where the build recorded what a rerun needs, a <c>Build:</c> section after the sources names the project,
/// target framework and SDK, the restored packages, the project references and the build's files.
/// </summary>
internal static class DependenciesPrinter
{
    public static string Render(ExperimentSources sources, GitRepository? repository, bool color)
    {
        var text = new StringBuilder("Dependencies:\n");
        foreach (var dependency in sources.Dependencies)
        {
            text.Append($"  {dependency.Name,-20} == {dependency.Version}\n");
        }

        text.Append("Sources:\n");
        foreach (var file in sources.Files)
        {
            text.Append($"  {file.Path,-43}  {file.Md5}\n");
        }

        if (sources.Build is { } build)
        {
            AppendBuild(text, build);
        }

        if (repository is not null)
        {
            var mark = repository.Dirty ? Ansi.Paint("M", Ansi.Red, color) : " ";
            text.Append("Version Control:\n").Append($"{mark} {repository.Url,-43}  {repository.Commit}\n");
        }

        return text.Append('\n').ToString();
    }

    private static void AppendBuild(StringBuilder text, ExperimentBuild build)
    {
        text.Append($"Build: {build.ProjectPath} ({build.TargetFramework}, SDK {build.SdkVersion})\n");
        text.Append("  Packages:\n");
        foreach (var package in build.Packages)
        {
            text.Append($"    {package.Name,-50} == {package.Version}\n");
        }

        text.Append("  Project references:\n");
        foreach (var reference in build.ProjectReferences)
        {
            text.Append($"    {reference}\n");
        }

        text.Append("  Files:\n");
        foreach (var file in build.Files)
        {
            text.Append($"    {file.Path,-41}  {file.Md5}\n");
        }
    }
}
