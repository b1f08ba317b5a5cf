using System;
using System.Linq;
using Sacred.Running;
using Xunit;

namespace Sacred.Runtime.Tests.Running;

/// <summary>Which frames the fail trace drops: every one of the runtime's types, and nobody else's.</summary>
public sealed class FailTraceTests
{
    [Fact]
    public void Every_runtime_type_is_recognised_as_the_runtime_s()
    {
        var missed = typeof(Run).Assembly.GetTypes()
            .Where(t => t.Namespace?.StartsWith("Sacred", StringComparison.Ordinal) == true && !t.Name.StartsWith('<'))
            .Select(t => t.FullName!.Replace('+', '.') + ".Method")
            .Where(name => !FailTrace.IsRuntimeName(name))
            .ToList();

        Assert.Empty(missed);
    }

    [Theory]
    [InlineData("Sacred.Runtime.Tests.Running.FailTraceTests.Method")]
    [InlineData("Sacred.Samples.Tests.Probe.Method")]
    [InlineData("SacredLab.Train.Method")]
    [InlineData("QuickStart.Classifier.Train")]
    public void Code_outside_the_runtime_is_kept_even_when_its_name_starts_with_sacred(string name) =>
        Assert.False(FailTrace.IsRuntimeName(name));

    [Fact]
    public void A_trace_keeps_the_users_frames_and_inner_exceptions_and_drops_rethrow_markers_of_runtime_frames()
    {
        string[] text =
        [
            "System.InvalidOperationException: outer",
            " ---> System.ArgumentException: inner",
            "   at User.Code.Inner() in /src/Code.cs:line 3",
            "   --- End of inner exception stack trace ---",
            "   at User.Code.Outer() in /src/Code.cs:line 9",
            "   at User.Experiment.__SacredInvoke(String name)",
            "   at User.Experiment.__SacredDefinition.Invoke(String command)",
            "   at Sacred.Running.CommandThread.<>c__DisplayClass5_0.<Start>b__0()",
            "--- End of stack trace from previous location ---",
            "   at Sacred.Running.CommandThread.Result()",
        ];

        Assert.Equal(
            [
                "System.InvalidOperationException: outer\n",
                " ---> System.ArgumentException: inner\n",
                "   at User.Code.Inner() in /src/Code.cs:line 3\n",
                "   --- End of inner exception stack trace ---\n",
                "   at User.Code.Outer() in /src/Code.cs:line 9\n",
            ],
            FailTrace.Filter(text));
    }
}
