using System;
using System.IO;
using System.Reflection;
using System.Threading;

namespace Sacred.Generator.Tests.Infrastructure;

/// <summary>What one command line printed and returned.</summary>
public sealed record CliOutcome(int ExitCode, string Stdout, string Stderr);

/// <summary>An experiment compiled from test source with the generator and loaded, run through its generated <c>Run(args)</c>.</summary>
public sealed class CompiledExperiment
{
    private static readonly Lock ConsoleLock = new();
    private readonly Assembly _assembly;

    public CompiledExperiment(string source, params (string Path, string Text)[] files)
    {
        var result = GeneratorHarness.Run(source, files);
        if (!result.GeneratorDiagnostics.IsEmpty)
        {
            throw new InvalidOperationException("generator reported: " + string.Join("\n", result.GeneratorDiagnostics));
        }

        _assembly = GeneratorHarness.Load(result);
    }

    public Type Type(string fullName) => _assembly.GetType(fullName, throwOnError: true)!;

    /// <summary>
    /// Runs <c>typeName.Run(args)</c> with the console captured. Console is global, so runs are serialized; the
    /// run captures at the Console level (<c>-C sys</c>) so the test's writers still see everything.
    /// </summary>
    public CliOutcome Run(string typeName, params string[] args)
    {
        args = [.. args, "-C", "sys"];
        var run = Type(typeName).GetMethod("Run", BindingFlags.Public | BindingFlags.Static, new[] { typeof(string[]) })!;
        lock (ConsoleLock)
        {
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            var oldOut = Console.Out;
            var oldError = Console.Error;
            Console.SetOut(stdout);
            Console.SetError(stderr);
            try
            {
                var exitCode = (int)run.Invoke(null, new object[] { args })!;
                return new CliOutcome(exitCode, stdout.ToString(), stderr.ToString());
            }
            finally
            {
                Console.SetOut(oldOut);
                Console.SetError(oldError);
            }
        }
    }
}
