using System.Collections.Generic;
using System.Text;
using Sacred.Formatting;
using Sacred.Generated;

namespace Sacred.Configuration;

/// <summary>Renders <c>print_named_configs</c>: <c>Named Configurations (doc):</c>, then <c>  name   # doc</c> lines.</summary>
internal static class NamedConfigsPrinter
{
    public static string Render(IReadOnlyList<NamedConfigInfo> namedConfigs, bool color)
    {
        var text = new StringBuilder("Named Configurations (").Append(Ansi.Paint("doc", Ansi.Dim, color)).Append("):\n");
        if (namedConfigs.Count == 0)
        {
            text.Append("  No named configs\n");
        }

        foreach (var named in namedConfigs)
        {
            text.Append("  ").Append(named.Name);
            if (!string.IsNullOrWhiteSpace(named.Doc))
            {
                text.Append("   ").Append(Ansi.Paint("# " + DocText.OneLine(named.Doc), Ansi.Dim, color));
            }

            text.Append('\n');
        }

        return text.ToString();
    }
}
