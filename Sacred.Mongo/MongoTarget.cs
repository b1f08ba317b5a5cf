using System;
using System.Globalization;
using System.Text.RegularExpressions;
using MongoDB.Driver;
using Sacred.Mongo.Documents;
using Sacred.Observers;

namespace Sacred.Mongo;

/// <summary>
/// Where <c>-m</c> records: a server, a database and Sacred's collection names. Accepts a connection string
/// (<c>mongodb://…/db</c>, <c>mongodb+srv://…</c>; the database defaults to <c>sacred</c>) and Sacred's own grammar
/// <c>[host:port:]db_name[.prefix]</c> or <c>host:port</c> (server <c>localhost:27017</c>, database <c>sacred</c>
/// by default). A prefix names the collections <c>&lt;prefix&gt;_runs</c> and <c>&lt;prefix&gt;_metrics</c>, as Sacred
/// names them; files always go to GridFS <c>fs</c>.
/// </summary>
public sealed partial class MongoTarget
{
    /// <summary>How long a run waits for an unreachable server before it records to the embedded store only.</summary>
    public static readonly TimeSpan DefaultServerSelectionTimeout = TimeSpan.FromSeconds(5);

    private MongoTarget(string text, MongoUrl url, string database, string prefix)
    {
        Text = text;
        Url = url;
        Database = database;
        RunsCollection = prefix.Length == 0 ? "runs" : prefix + "_runs";
        MetricsCollection = prefix.Length == 0 ? "metrics" : prefix + "_metrics";
    }

    /// <summary>The text as given.</summary>
    public string Text { get; }

    /// <summary>The text as given with its password, if any, replaced by <c>***</c>: for messages, which the run's log records.</summary>
    public string SafeText => MongoAddressRedaction.Redact(Text)!;

    /// <summary>The connection string.</summary>
    public MongoUrl Url { get; }

    /// <summary>The database name.</summary>
    public string Database { get; }

    /// <summary>The runs collection (<c>runs</c>).</summary>
    public string RunsCollection { get; }

    /// <summary>The metrics collection (<c>metrics</c>).</summary>
    public string MetricsCollection { get; }

    /// <summary>
    /// The server and database without credentials, e.g. <c>db1:27017/sacred/runs</c>: what the sync ledger keys
    /// runs by, and what messages show.
    /// </summary>
    public string Key => string.Join(",", Url.Servers) + "/" + Database + "/" + RunsCollection;

    /// <summary>Parses the text of <c>-m</c>, <c>--mongo_db</c> or <c>SACRED_MONGO</c>.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The target.</returns>
    /// <exception cref="FormatException">One line saying what is wrong and which forms are valid.</exception>
    public static MongoTarget Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.StartsWith("mongodb://", StringComparison.Ordinal) || trimmed.StartsWith("mongodb+srv://", StringComparison.Ordinal))
        {
            MongoUrl url;
            try
            {
                url = new MongoUrl(trimmed);
            }
            catch (Exception e) when (e is MongoConfigurationException or FormatException or ArgumentException)
            {
                throw Invalid(text, e.Message);
            }

            return new MongoTarget(text, url, string.IsNullOrEmpty(url.DatabaseName) ? "sacred" : url.DatabaseName, "");
        }

        if (HostOnly().Match(trimmed) is { Success: true } hostOnly)
        {
            return new MongoTarget(text, Server(hostOnly.Groups["host"].Value, hostOnly.Groups["port"].Value, text), "sacred", "");
        }

        if (Full().Match(trimmed) is { Success: true } full)
        {
            var url = full.Groups["host"].Success
                ? Server(full.Groups["host"].Value, full.Groups["port"].Value, text)
                : new MongoUrl("mongodb://localhost:27017");
            return new MongoTarget(text, url, full.Groups["db"].Value, full.Groups["prefix"].Success ? full.Groups["prefix"].Value : "");
        }

        throw Invalid(text, "it is neither a connection string nor Sacred's [host:port:]db_name[.prefix]");
    }

    /// <summary>
    /// The driver's settings: the connection string's, with a short server selection timeout unless it sets one. Every
    /// client is made from these, so the serializers Native AOT needs (<see cref="DriverSerializers"/>) are registered here.
    /// </summary>
    public MongoClientSettings ClientSettings()
    {
        DriverSerializers.EnsureRegistered();
        var settings = MongoClientSettings.FromUrl(Url);
        if (!Text.Contains("serverSelectionTimeoutMS", StringComparison.OrdinalIgnoreCase))
        {
            settings.ServerSelectionTimeout = DefaultServerSelectionTimeout;
        }

        if (!Text.Contains("connectTimeoutMS", StringComparison.OrdinalIgnoreCase))
        {
            settings.ConnectTimeout = DefaultServerSelectionTimeout;
        }

        return settings;
    }

    /// <summary>Why this server could not be used, in one line: the selection timeout, or the first line of the error.</summary>
    /// <param name="e">What the driver or <see cref="MongoServerProbe"/> threw.</param>
    /// <returns>The reason, for a message that names this target.</returns>
    public string Reason(Exception e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e is TimeoutException)
        {
            return "no server answered within " + ClientSettings().ServerSelectionTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture) + " s";
        }

        var end = e.Message.IndexOf('\n', StringComparison.Ordinal);
        return (end < 0 ? e.Message : e.Message[..end]).Trim();
    }

    /// <inheritdoc/>
    public override string ToString() => Key;

    private static MongoUrl Server(string host, string port, string text)
    {
        if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number is < 1 or > 65535)
        {
            throw Invalid(text, $"port {port} is not between 1 and 65535");
        }

        return new MongoUrl($"mongodb://{host}:{number}");
    }

    private static FormatException Invalid(string text, string why) =>
        new($"-m/--mongo_db '{text}' is not a MongoDB address: {why}; valid forms: mongodb://host:27017/db, host:port:db_name[.prefix], db_name, host:port");

    [GeneratedRegex(@"^(?<host>[A-Za-z0-9_.\-]+):(?<port>\d{1,5})$")]
    private static partial Regex HostOnly();

    [GeneratedRegex(@"^(?:(?<host>[A-Za-z0-9_.\-]+):(?<port>\d{1,5}):)?(?<db>[_A-Za-z][0-9A-Za-z#%&'()+\-;=@\[\]^_{}]{0,63}?)(?:\.(?<prefix>[_A-Za-z][0-9A-Za-z#%&'()+\-;=@\[\]^_{}]{0,63}))?$")]
    private static partial Regex Full();
}
