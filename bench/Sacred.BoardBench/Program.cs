using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Sacred.BoardBench;

// Usage:
//   Sacred.BoardBench create DIR [--runs 100000] [--points 20]   writes a store through the real writer
//   Sacred.BoardBench measure DIR [--rounds 15] [--no-browser]   server times and Chromium's time to first rows
//   Sacred.BoardBench create-charts DIR                          10 M points in run 1, 200 runs x 200 k points
//   Sacred.BoardBench measure-charts DIR [--rounds 15] [--cold 5] [--no-browser]
//                                                                chart server times (first read by --cold new boards),
//                                                                zoom and overlay in Chromium
if (args.Length < 2 || args[0] is not ("create" or "measure" or "create-charts" or "measure-charts"))
{
    Console.Error.WriteLine("usage: Sacred.BoardBench create DIR [--runs N] [--points N] | measure DIR [--rounds N] [--no-browser]");
    return 2;
}

int Option(string name, int fallback)
{
    var at = Array.IndexOf(args, name);
    return at > 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
}

var directory = Path.GetFullPath(args[1]);
if (args[0] == "create-charts")
{
    ChartStoreGenerator.Create(directory, 10_000_000, Option("--runs", 200), Option("--points", 200_000));
    return 0;
}

if (args[0] == "measure-charts")
{
    await ChartTimings.Measure(directory, Option("--rounds", 15), Option("--cold", 5), !args.Contains("--no-browser"));
    return 0;
}

if (args[0] == "create")
{
    if (Directory.Exists(directory))
    {
        Console.Error.WriteLine($"{directory} exists; give a new folder.");
        return 2;
    }

    StoreGenerator.Create(directory, Option("--runs", 100_000), Option("--points", 20));
    return 0;
}

await BoardTimings.Measure(directory, Option("--rounds", 15), !args.Contains("--no-browser"));
return 0;
