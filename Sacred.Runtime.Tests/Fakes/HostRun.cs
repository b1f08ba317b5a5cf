using System.IO;
using System.Threading;
using Sacred.Generated;
using Sacred.Running;

namespace Sacred.Runtime.Tests.Fakes;

/// <summary>One command line run through the host, with what it printed.</summary>
public sealed record HostRun(int ExitCode, string Out, string Error)
{
    public const string Program = "mnist-app";

    public static HostRun Of(FakeExperiment experiment, params string[] args) => Of(experiment, default, args);

    public static HostRun Of(FakeExperiment experiment, CancellationToken cancellation, params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var code = ExperimentHost.Execute(experiment, args, new HostEnvironment(stdout, stderr, false, Program, cancellation));
        return new HostRun(code, stdout.ToString(), stderr.ToString());
    }
}
