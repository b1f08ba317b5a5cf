using System;
using System.Diagnostics;
using System.Threading;
using BenchmarkDotNet.Attributes;
using Sacred.Metrics;

namespace Sacred.Benchmarks;

/// <summary>
/// The metrics hot path, <c>run.LogScalar</c>: one point into a <see cref="MetricsBuffer"/> while a background
/// thread drains it every 10 ms (so claiming slots in recycled chunks is part of the steady state), next to the
/// clocks it could have used.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class LogScalarBenchmarks
{
    private const string Loss = "training.loss";
    private const int PointsPerProducer = 100_000;

    private MetricsBuffer _buffer = null!;
    private BackgroundDrainer _drainer = null!;
    private string _builtName = "";
    private long _step;
    private Thread? _second;
    private ManualResetEventSlim _secondGo = null!;
    private ManualResetEventSlim _secondDone = null!;
    private volatile bool _stopping;

    [GlobalSetup]
    public void Setup()
    {
        _buffer = new MetricsBuffer();
        _drainer = new BackgroundDrainer(_buffer, TimeSpan.FromMilliseconds(10));
        _builtName = new string(Loss.AsSpan());
        _buffer.Log(Loss, 0);
        _buffer.Log("data.queue", 0);
        _secondGo = new ManualResetEventSlim(false);
        _secondDone = new ManualResetEventSlim(false);
        _second = new Thread(SecondProducer) { IsBackground = true };
        _second.Start();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _stopping = true;
        _secondGo.Set();
        _second?.Join();
        _drainer.Dispose();
    }

    [Benchmark(Description = "Log(name, value): automatic step")]
    public void LogAutomaticStep() => _buffer.Log(Loss, 0.25);

    [Benchmark(Description = "Log(name, value, step)")]
    public void LogExplicitStep() => _buffer.Log(Loss, 0.25, _step++);

    [Benchmark(Description = "Log(name, value): name built at run time")]
    public void LogBuiltName() => _buffer.Log(_builtName, 0.25);

    // Per point, both threads together: the wall time of 2 x 100K points logged at once from two threads.
    [Benchmark(Description = "Log(name, value): 2 producer threads", OperationsPerInvoke = 2 * PointsPerProducer)]
    public void LogFromTwoThreads()
    {
        _secondDone.Reset();
        _secondGo.Set();
        for (int i = 0; i < PointsPerProducer; i++)
        {
            _buffer.Log(Loss, i);
        }

        _secondDone.Wait();
    }

    [Benchmark(Description = "clock: MetricClock.UnixMs (TickCount64 + offset)")]
    public long MetricClockNow() => MetricClock.UnixMs;

    [Benchmark(Description = "clock: Environment.TickCount64")]
    public long TickCount64() => Environment.TickCount64;

    [Benchmark(Description = "clock: DateTime.UtcNow")]
    public DateTime UtcNow() => DateTime.UtcNow;

    [Benchmark(Description = "clock: Stopwatch.GetTimestamp")]
    public long StopwatchTimestamp() => Stopwatch.GetTimestamp();

    private void SecondProducer()
    {
        while (true)
        {
            _secondGo.Wait();
            _secondGo.Reset();
            if (_stopping)
            {
                return;
            }

            for (int i = 0; i < PointsPerProducer; i++)
            {
                _buffer.Log("data.queue", i);
            }

            _secondDone.Set();
        }
    }
}
