using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace Sacred.Generator.Tests.Infrastructure;

/// <summary>What one command line printed and returned.</summary>
public sealed record CliOutcome(int ExitCode, string Stdout, string Stderr);

/// <summary>An experiment compiled from test source with the generator and loaded, run through its generated <c>Run(args)</c>.</summary>
public sealed class CompiledExperiment
{
    private static readonly Lock ConsoleLock = new();
    private readonly Assembly _assembly;

    public CompiledExperiment(string source, params (string Path, string Text)[] files)
        : this(source, Array.Empty<byte[]>(), files)
    {
    }

    /// <summary>Compiles against, and loads beside, the given library images (stand-ins for packages such as TorchSharp).</summary>
    public CompiledExperiment(string source, byte[][] libraries, params (string Path, string Text)[] files)
    {
        var references = Array.ConvertAll(libraries, image => (MetadataReference)MetadataReference.CreateFromImage(image));
        var result = GeneratorHarness.Run(new[] { (GeneratorHarness.SourcePath, source) }, files, OutputKind.DynamicallyLinkedLibrary, references);
        if (!result.GeneratorDiagnostics.IsEmpty)
        {
            throw new InvalidOperationException("generator reported: " + string.Join("\n", result.GeneratorDiagnostics));
        }

        _assembly = GeneratorHarness.Load(result, libraries);
    }

    public Type Type(string fullName) => _assembly.GetType(fullName, throwOnError: true)!;

    /// <summary>A type of a library loaded beside the experiment, e.g. the TorchSharp stand-in.</summary>
    public Type LibraryType(string assemblyName, string fullName) =>
        System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(_assembly)!.Assemblies
            .Single(a => a.GetName().Name == assemblyName)
            .GetType(fullName, throwOnError: true)!;

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

    /// <summary>
    /// Runs <c>typeName.Run(args)</c> once per argument list, each on a thread of its own and all at once, with the
    /// console captured for all of them (output is not captured per run: <c>-C no</c>). Returns the exit codes.
    /// </summary>
    public int[] RunConcurrently(string typeName, params string[][] argsPerRun)
    {
        var run = Type(typeName).GetMethod("Run", BindingFlags.Public | BindingFlags.Static, new[] { typeof(string[]) })!;
        lock (ConsoleLock)
        {
            var oldOut = Console.Out;
            var oldError = Console.Error;
            Console.SetOut(TextWriter.Synchronized(new StringWriter()));
            Console.SetError(TextWriter.Synchronized(new StringWriter()));
            try
            {
                var exitCodes = new int[argsPerRun.Length];
                var threads = argsPerRun.Select((args, i) => new Thread(() => exitCodes[i] = (int)run.Invoke(null, new object[] { (string[])[.. args, "-C", "no"] })!)).ToList();
                threads.ForEach(t => t.Start());
                threads.ForEach(t => t.Join());
                return exitCodes;
            }
            finally
            {
                Console.SetOut(oldOut);
                Console.SetError(oldError);
            }
        }
    }
}
