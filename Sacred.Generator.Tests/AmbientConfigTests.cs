using System;
using System.Collections.Concurrent;
using System.Reflection;
using System.Threading;
using Sacred.Generator.Tests.Infrastructure;
using Xunit;

namespace Sacred.Generator.Tests;

/// <summary>
/// Captured overloads read the config of the ambient run (<c>Run.Current</c>): two runs in one process, one after
/// the other or at the same time on two threads, each see their own experiment and ingredient config.
/// </summary>
public sealed class AmbientConfigTests
{
    private const string Source = """
        using System.Collections.Concurrent;
        using System.Threading;
        using Sacred;

        namespace Demo;

        public static class Probe
        {
            /// <summary>When set, every run waits here until all have set up their config, then reads it.</summary>
            public static Barrier? AllStarted;

            public static ConcurrentDictionary<string, string> Seen { get; } = new();
        }

        [Ingredient("data")]
        public static partial class Data
        {
            [Config] public sealed partial record Config { public string Path { get; init; } = "default.csv"; }

            [Captured] public static string Describe(string path) => path;
        }

        [Experiment("ambient", Ingredients = new[] { typeof(Data) })]
        public static partial class Ambient
        {
            [Config] public sealed partial record Config { public string Tag { get; init; } = "none"; }

            [Captured] public static string Label(string tag) => tag;

            [Main]
            static string Main(string tag)
            {
                Probe.AllStarted?.SignalAndWait();
                var seen = Label() + "|" + Data.Describe();
                Probe.Seen[tag] = seen;
                return seen;
            }
        }

        [Experiment("other")]
        public static partial class Other
        {
            [Main]
            static string Main()
            {
                try
                {
                    return Data.Describe();
                }
                catch (System.InvalidOperationException e)
                {
                    return e.Message;
                }
            }
        }
        """;

    private static readonly Lazy<CompiledExperiment> Compiled = new(() => new CompiledExperiment(Source));

    private static ConcurrentDictionary<string, string> Seen => (ConcurrentDictionary<string, string>)Compiled.Value.Type("Demo.Probe").GetProperty("Seen")!.GetValue(null)!;

    [Fact]
    public void Sequential_runs_each_see_their_own_config_in_captured_functions()
    {
        var first = Compiled.Value.Run("Demo.Ambient", "with", "tag=first", "data.path=first.csv", "-u");
        var second = Compiled.Value.Run("Demo.Ambient", "with", "tag=second", "-u");

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("Result: \"first|first.csv\"", first.Stderr);
        Assert.Contains("Result: \"second|default.csv\"", second.Stderr);
    }

    [Fact]
    public void Concurrent_runs_on_two_threads_each_see_their_own_config_in_captured_functions()
    {
        var gate = Compiled.Value.Type("Demo.Probe").GetField("AllStarted")!;
        gate.SetValue(null, new Barrier(2));
        try
        {
            var exitCodes = Compiled.Value.RunConcurrently(
                "Demo.Ambient",
                ["with", "tag=one", "data.path=one.csv", "-u"],
                ["with", "tag=two", "data.path=two.csv", "-u"]);

            Assert.Equal(new[] { 0, 0 }, exitCodes);
            Assert.Equal("one|one.csv", Seen["one"]);
            Assert.Equal("two|two.csv", Seen["two"]);
        }
        finally
        {
            gate.SetValue(null, null);
        }
    }

    [Fact]
    public void A_run_of_an_experiment_without_the_ingredient_is_told_to_pass_the_parameters()
    {
        var outcome = Compiled.Value.Run("Demo.Other", "-u");

        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("Describe() takes its parameters from the config of 'data', which the running experiment does not include: pass them explicitly.", outcome.Stderr);
    }

    [Fact]
    public void After_a_run_captured_functions_no_longer_see_its_config()
    {
        Assert.Equal(0, Compiled.Value.Run("Demo.Ambient", "with", "tag=done", "-u").ExitCode);
        var label = Compiled.Value.Type("Demo.Ambient").GetMethod("Label", Type.EmptyTypes)!;

        var error = Assert.Throws<TargetInvocationException>(() => label.Invoke(null, null));

        Assert.IsType<InvalidOperationException>(error.InnerException);
        Assert.Contains("call it while a run is active", error.InnerException!.Message);
    }
}
