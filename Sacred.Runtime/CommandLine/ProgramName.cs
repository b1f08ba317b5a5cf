using System;
using System.IO;
using System.Reflection;

namespace Sacred.CommandLine;

/// <summary>The program name the usage text shows: the executable's, or the entry assembly's under <c>dotnet</c>.</summary>
internal static class ProgramName
{
    public static string Resolve()
    {
        var name = Path.GetFileNameWithoutExtension(Environment.ProcessPath);
        if (string.IsNullOrEmpty(name) || name.Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            name = Assembly.GetEntryAssembly()?.GetName().Name;
        }

        return string.IsNullOrEmpty(name) ? "app" : name;
    }
}
