using System.Text;
using Sacred.Formatting;
using Sacred.Generated;

namespace Sacred.Host;

/// <summary>
/// Renders <c>print_dependencies</c> as Sacred does: <c>Dependencies:</c>, <c>Sources:</c> and, when the
/// experiment lives in a git repository, <c>Version Control:</c> (an <c>M</c> marks a dirty tree), then a blank line.
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

        if (repository is not null)
        {
            var mark = repository.Dirty ? Ansi.Paint("M", Ansi.Red, color) : " ";
            text.Append("Version Control:\n").Append($"{mark} {repository.Url,-43}  {repository.Commit}\n");
        }

        return text.Append('\n').ToString();
    }
}
