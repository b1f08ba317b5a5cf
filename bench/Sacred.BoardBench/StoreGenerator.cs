using System;
using System.Collections.Generic;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Sacred.Configuration;
using Sacred.Generated;
using Sacred.Host;
using Sacred.Metrics;
using Sacred.Observers;
using Sacred.Recording;
using Sacred.Storage;
using Sacred.Storage.Curation;
using Sacred.Storage.Reading;
using Sacred.Storage.Writing;

namespace Sacred.BoardBench;

/// <summary>
/// Writes a large store through the real writer (RunWriter: the same transactions, config flattening and metric
/// summaries as an experiment's observer), on one connection with fsync off, so 100,000 runs take minutes, not hours.
/// </summary>
internal static class StoreGenerator
{
    private static readonly string[] s_optimizers = ["adam", "sgd", "adamw", "rmsprop"];
    private static readonly string[] s_activations = ["relu", "gelu", "tanh", "silu"];
    private static readonly string[] s_datasets = ["mnist", "cifar10", "cifar100", "imagenet-64"];
    private static readonly string[] s_statuses = ["COMPLETED", "COMPLETED", "COMPLETED", "COMPLETED", "FAILED", "INTERRUPTED"];
    private static readonly string[] s_metrics = ["training.loss", "training.accuracy", "validation.loss", "validation.accuracy", "learning_rate"];

    public static void Create(string directory, int runs, int pointsPerMetric)
    {
        var clock = Stopwatch.StartNew();
        using var connection = StoreDatabase.OpenForWriting(directory);
        using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA synchronous = OFF;";
            pragma.ExecuteNonQuery();
        }

        var files = new ContentStore(directory);
        var random = new Random(20261129);
        var start = DateTime.UtcNow.AddDays(-120);
        var source = new SourceFileInfo("Train.cs", "9e107d9d372bb6826bd81d3542a419d6", "// the experiment\npublic static class Train { }\n");
        var empty = new ConfigObjectBuilder().Build();
        for (var i = 0; i < runs; i++)
        {
            var time = start.AddMinutes(i * 1.7);
            var config = Config(random, i);
            var started = new RunStartedEvent(
                null,
                "train",
                new ExperimentInfo(s_datasets[i % s_datasets.Length] + "-sweep", "/home/ada/exp", "Train.cs", [source], [new DependencyInfo("Sacred.Runtime", "1.0.0")], [new GitRepository("git@example.com:ada/exp.git", "4f1c2d9e", false)]),
                new HostInfo("gpu-" + (i % 16).ToString("00", System.Globalization.CultureInfo.InvariantCulture), ["Linux"], "AMD EPYC", null, "10.0.1", new Dictionary<string, string>(), new Dictionary<string, ConfigNode>()),
                time,
                config,
                new ConfigModifications(["learning_rate", "model.depth"], [], []),
                new MetaInfo("train", empty, i % 50 == 0 ? "milestone " + i : null, [], empty, null),
                i);
            var writer = RunWriter.Start(connection, files, started, queued: false);
            var batches = new List<MetricBatch>();
            var quality = random.NextDouble();
            foreach (var name in s_metrics)
            {
                var steps = new long[pointsPerMetric];
                var values = new double[pointsPerMetric];
                var times = new long[pointsPerMetric];
                for (var s = 0; s < pointsPerMetric; s++)
                {
                    steps[s] = s * 100;
                    var progress = (s + 1.0) / pointsPerMetric;
                    values[s] = name.EndsWith("accuracy", StringComparison.Ordinal)
                        ? Math.Min(0.999, (0.5 + (0.45 * quality * progress)) + (random.NextDouble() * 0.01))
                        : name == "learning_rate" ? 0.001 * (1 - progress) : (2.5 * (1 - (0.8 * quality * progress))) + (random.NextDouble() * 0.05);
                    times[s] = new DateTimeOffset(time).ToUnixTimeMilliseconds() + (s * 60_000L);
                }

                batches.Add(new MetricBatch(name, steps, values, times));
            }

            writer.Heartbeat(new HeartbeatEvent(time.AddMinutes(30), empty, null, "epoch 1 done\nepoch 2 done\n", batches, true));
            var status = s_statuses[i % s_statuses.Length];
            writer.End(new RunEndedEvent(time.AddMinutes(30 + (i % 240)), status, status == "COMPLETED" ? ConfigNode.From(0.5 + (0.45 * quality)) : null, null));
            if ((i + 1) % 10_000 == 0)
            {
                Console.Error.WriteLine($"  {i + 1:N0} runs written in {clock.Elapsed.TotalSeconds:F0} s");
            }
        }

        var curation = RunCuration.Open(directory);
        var ids = new List<long>();
        for (long id = 1; id <= runs; id += 97)
        {
            ids.Add(id);
        }

        curation.AddTags(ids, ["best"]);
        using var checkpoint = connection.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE); ANALYZE;";
        checkpoint.ExecuteNonQuery();
        Console.Error.WriteLine($"  {runs:N0} runs, {runs * s_metrics.Length * pointsPerMetric:N0} metric points in {clock.Elapsed.TotalSeconds:F0} s");
    }

    /// <summary>About 50 keys, nested up to three levels, numbers, text, booleans and a list.</summary>
    private static ConfigNode Config(Random random, int i)
    {
        var config = new ConfigObjectBuilder();
        config.Add("learning_rate", ConfigNode.From(Math.Round(Math.Pow(10, -1 - (3 * random.NextDouble())), 6)));
        config.Add("batch_size", ConfigNode.From(16 << random.Next(6)));
        config.Add("epochs", ConfigNode.From(5 + random.Next(50)));
        config.Add("seed", ConfigNode.From(i));
        config.Add("weight_decay", ConfigNode.From(Math.Round(random.NextDouble() * 1e-3, 7)));
        config.Add("warmup_steps", ConfigNode.From(random.Next(2000)));
        config.Add("gradient_clip", ConfigNode.From(Math.Round(random.NextDouble() * 5, 2)));
        config.Add("mixed_precision", ConfigNode.From(random.Next(2) == 0));
        config.Add("dataset", ConfigNode.From(s_datasets[i % s_datasets.Length]));
        config.Add("layers", ConfigNode.FromList(new[] { 256, 128, 64 }, ConfigNode.From));
        var optimizer = new ConfigObjectBuilder();
        optimizer.Add("name", ConfigNode.From(s_optimizers[random.Next(s_optimizers.Length)]));
        optimizer.Add("beta1", ConfigNode.From(Math.Round(0.85 + (random.NextDouble() * 0.1), 3)));
        optimizer.Add("beta2", ConfigNode.From(0.999));
        optimizer.Add("eps", ConfigNode.From(1e-8));
        optimizer.Add("momentum", ConfigNode.From(Math.Round(random.NextDouble(), 2)));
        optimizer.Add("nesterov", ConfigNode.From(random.Next(2) == 0));
        config.Add("optimizer", optimizer.Build());
        var schedule = new ConfigObjectBuilder();
        schedule.Add("kind", ConfigNode.From(random.Next(2) == 0 ? "cosine" : "step"));
        schedule.Add("gamma", ConfigNode.From(Math.Round(random.NextDouble(), 2)));
        schedule.Add("step_size", ConfigNode.From(1 + random.Next(10)));
        schedule.Add("min_lr", ConfigNode.From(1e-6));
        config.Add("schedule", schedule.Build());
        var head = new ConfigObjectBuilder();
        head.Add("dropout", ConfigNode.From(Math.Round(random.NextDouble() * 0.5, 2)));
        head.Add("activation", ConfigNode.From(s_activations[random.Next(s_activations.Length)]));
        head.Add("hidden", ConfigNode.From(64 << random.Next(4)));
        head.Add("bias", ConfigNode.From(true));
        var model = new ConfigObjectBuilder();
        model.Add("depth", ConfigNode.From(2 + random.Next(10)));
        model.Add("width", ConfigNode.From(32 << random.Next(5)));
        model.Add("kernel_size", ConfigNode.From(3 + (2 * random.Next(3))));
        model.Add("stride", ConfigNode.From(1 + random.Next(2)));
        model.Add("padding", ConfigNode.From("same"));
        model.Add("norm", ConfigNode.From(random.Next(2) == 0 ? "batch" : "layer"));
        model.Add("residual", ConfigNode.From(random.Next(2) == 0));
        model.Add("attention_heads", ConfigNode.From(1 << random.Next(4)));
        model.Add("embedding_dim", ConfigNode.From(128 << random.Next(3)));
        model.Add("head", head.Build());
        config.Add("model", model.Build());
        var augment = new ConfigObjectBuilder();
        augment.Add("flip", ConfigNode.From(random.Next(2) == 0));
        augment.Add("crop", ConfigNode.From(random.Next(2) == 0));
        augment.Add("rotate_degrees", ConfigNode.From(random.Next(30)));
        augment.Add("mixup_alpha", ConfigNode.From(Math.Round(random.NextDouble(), 2)));
        augment.Add("cutout", ConfigNode.From(random.Next(2) == 0));
        var data = new ConfigObjectBuilder();
        data.Add("root", ConfigNode.From("/data/" + s_datasets[i % s_datasets.Length]));
        data.Add("workers", ConfigNode.From(2 + random.Next(14)));
        data.Add("validation_fraction", ConfigNode.From(0.1));
        data.Add("shuffle", ConfigNode.From(true));
        data.Add("noise", ConfigNode.From(Math.Round(random.NextDouble() * 0.2, 3)));
        data.Add("image_size", ConfigNode.From(32 << random.Next(2)));
        data.Add("augment", augment.Build());
        config.Add("data", data.Build());
        var logging = new ConfigObjectBuilder();
        logging.Add("every", ConfigNode.From(10 * (1 + random.Next(10))));
        logging.Add("checkpoint_every", ConfigNode.From(1000));
        logging.Add("tensorboard", ConfigNode.From(random.Next(2) == 0));
        logging.Add("output_dir", ConfigNode.From("runs/" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        config.Add("logging", logging.Build());
        return config.Build();
    }
}
