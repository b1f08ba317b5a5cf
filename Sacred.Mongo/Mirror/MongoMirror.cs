using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using Microsoft.Data.Sqlite;
using MongoDB.Bson;
using MongoDB.Driver;
using Sacred.Storage;

namespace Sacred.Mongo.Mirror;

/// <summary>
/// A local embedded store that mirrors a MongoDB database of Sacred runs, so everything that reads a store (the
/// board's table, queries compiled to SQL, run detail, charts) reads MongoDB's runs too. The first pass imports
/// every run; later passes (every <see cref="DefaultInterval"/>) ask only for runs whose <c>_id</c> is new or whose
/// <c>heartbeat</c>, <c>stop_time</c> or <c>status</c> changed, and append only their new output and metric points.
/// Changes made on the board go to MongoDB first (<see cref="Apply{T}"/>): when MongoDB refuses, the mirror is left
/// as it was. Kept under the user's cache folder, keyed by server and database (never the password).
/// </summary>
public sealed class MongoMirror : IDisposable
{
    /// <summary>How often the mirror pulls.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(2);

    // Heartbeats are written by clocks on other machines and may land late: look back this far for changes.
    private static readonly TimeSpan s_lookBack = TimeSpan.FromMinutes(2);
    private const int FullSweepEvery = 15;
    private const string StateFileName = "mirror.json";

    private readonly IMirrorSource _source;
    private readonly SqliteConnection _connection;
    private readonly RunImporter _importer;
    private readonly object _gate = new();
    private readonly Dictionary<long, RunStamp> _known = [];
    private readonly SortedDictionary<long, string> _unreadable = [];
    private readonly string _stateFile;
    private CancellationTokenSource? _loop;
    private Thread? _thread;
    private long _passes;
    private DateTime? _lastPulled;
    private string? _problem;

    private MongoMirror(IMirrorSource source, string directory)
    {
        _source = source;
        Directory = Path.GetFullPath(directory);
        StoreDirectory = Path.Combine(Directory, "store");
        _stateFile = Path.Combine(Directory, StateFileName);
        _connection = StoreDatabase.OpenForWriting(StoreDirectory, syncEachCommit: false);
        _importer = new RunImporter(_connection, StoreDirectory, source);
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT id, status, heartbeat, stop_time FROM runs;";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var id = reader.GetInt64(0);
            _known[id] = new RunStamp(id, reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetInt64(2), reader.IsDBNull(3) ? null : reader.GetInt64(3));
        }

        if (File.Exists(_stateFile) && DateTime.TryParse(File.ReadAllText(_stateFile).Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var pulled))
        {
            _lastPulled = pulled;
        }
    }

    /// <summary>The mirror's folder: <see cref="StoreDirectory"/> and the time of the last pull.</summary>
    public string Directory { get; }

    /// <summary>The embedded store that holds the mirrored runs: serve or read it as any store.</summary>
    public string StoreDirectory { get; }

    /// <summary>True when some pass has reached the server, now or in an earlier session: the store shows its runs.</summary>
    public bool HasPulled => Status.LastPulled is not null;

    /// <summary>Where the mirror stands now.</summary>
    public MirrorStatus Status
    {
        get
        {
            lock (_gate)
            {
                return new MirrorStatus(_source.Description, _lastPulled, _problem, _known.Count, Unreadable());
            }
        }
    }

    /// <summary>The folder a mirror of <paramref name="target"/> lives in: <c>$XDG_CACHE_HOME/sacred/board/&lt;hash&gt;</c> (<c>~/.cache</c> by default), keyed by server and database, never the password.</summary>
    /// <param name="target">The database.</param>
    /// <returns>The folder.</returns>
    public static string DefaultDirectory(MongoTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (string.IsNullOrEmpty(cache))
        {
            cache = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(target.Key)))[..16];
        return Path.Combine(cache, "sacred", "board", hash);
    }

    /// <summary>Opens (or creates) the mirror of a database. Nothing is read from the server until <see cref="Pull"/>.</summary>
    /// <param name="target">The database (<c>-m</c>).</param>
    /// <param name="directory">The mirror's folder; <see cref="DefaultDirectory"/> when null.</param>
    /// <returns>The mirror.</returns>
    /// <exception cref="StoreException">The mirror's store cannot be created or opened.</exception>
    public static MongoMirror Open(MongoTarget target, string? directory = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        return new MongoMirror(new MongoMirrorSource(target), directory ?? DefaultDirectory(target));
    }

    /// <summary>Opens a mirror over any source (tests give documents in memory).</summary>
    internal static MongoMirror Open(IMirrorSource source, string directory) => new(source, directory);

    /// <summary>
    /// One pass: the first imports every run that differs from the mirror; later ones only runs that are new or
    /// changed, and every few passes the mirror forgets runs deleted from MongoDB. Failures do not throw: they are
    /// kept in <see cref="Status"/> (the mirror stays readable) and the next pass tries again.
    /// </summary>
    /// <returns>True when the pass reached the server.</returns>
    public bool Pull()
    {
        lock (_gate)
        {
            try
            {
                PullLocked();
                _problem = null;
                _lastPulled = DateTime.UtcNow;
                File.WriteAllText(_stateFile, _lastPulled.Value.ToString("O", CultureInfo.InvariantCulture) + "\n");
                return true;
            }
            catch (Exception e) when (e is MongoException or TimeoutException or IOException or System.Net.Sockets.SocketException)
            {
                _problem = $"cannot reach {_source.Description}: {FirstLine(e.Message)}";
                return false;
            }
        }
    }

    /// <summary>Pulls every <paramref name="interval"/> on a background thread until disposed.</summary>
    /// <param name="interval">The time between the end of a pass and the start of the next; <see cref="DefaultInterval"/> when null.</param>
    public void Start(TimeSpan? interval = null)
    {
        if (_thread is not null)
        {
            return;
        }

        var wait = interval ?? DefaultInterval;
        _loop = new CancellationTokenSource();
        var token = _loop.Token;
        _thread = new Thread(() =>
        {
            while (!token.WaitHandle.WaitOne(wait))
            {
                try
                {
                    Pull();
                }
                catch (Exception e)
                {
                    // The board goes on showing the mirror as it is; the next pass tries again.
                    lock (_gate)
                    {
                        _problem = "the mirror's store cannot be written: " + FirstLine(e.Message);
                    }
                }
            }
        })
        { IsBackground = true, Name = "sacred board mirror" };
        _thread.Start();
    }

    /// <summary>
    /// Makes a change in MongoDB, then (only if MongoDB took it) in the mirror through <paramref name="local"/>,
    /// with no pull in between.
    /// </summary>
    /// <typeparam name="T">What the local change returns.</typeparam>
    /// <param name="change">The change.</param>
    /// <param name="local">The same change in the mirror's store.</param>
    /// <returns>What <paramref name="local"/> returned.</returns>
    /// <exception cref="MirrorWriteException">MongoDB refused the change or could not be reached; nothing was changed.</exception>
    public T Apply<T>(MirrorChange change, Func<T> local)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(local);
        lock (_gate)
        {
            try
            {
                switch (change)
                {
                    case MirrorChange.SetTags tags:
                        _source.SetField([tags.Id], "omniboard.tags", new BsonArray(tags.Tags));
                        break;
                    case MirrorChange.SetNotes notes:
                        _source.SetField([notes.Id], "omniboard.notes", string.IsNullOrWhiteSpace(notes.Notes) ? null : new BsonString(notes.Notes));
                        break;
                    case MirrorChange.ChangeTags tags:
                        _source.ChangeTags(tags.Ids, tags.Add, tags.Remove);
                        break;
                    case MirrorChange.Delete delete:
                        _source.Delete(delete.Ids);
                        break;
                }
            }
            catch (Exception e) when (e is MongoException or TimeoutException or IOException or System.Net.Sockets.SocketException)
            {
                throw new MirrorWriteException($"MongoDB ({_source.Description}) refused the change, so nothing was changed: {FirstLine(e.Message)}", e);
            }

            var result = local();
            if (change is MirrorChange.Delete deleted)
            {
                foreach (var id in deleted.Ids)
                {
                    _known.Remove(id);
                }
            }

            return result;
        }
    }

    /// <summary>Stops pulling and closes the mirror's store.</summary>
    public void Dispose()
    {
        _loop?.Cancel();
        _thread?.Join();
        _loop?.Dispose();
        lock (_gate)
        {
            _connection.Dispose();
        }
    }

    private void PullLocked()
    {
        var first = _passes++ == 0;
        var sweep = first || _passes % FullSweepEvery == 0;
        IReadOnlyList<RunStamp> stamps;
        if (sweep)
        {
            stamps = _source.Stamps(null);
            var present = new HashSet<long>();
            foreach (var stamp in stamps)
            {
                present.Add(stamp.Id);
            }

            var gone = new List<long>();
            foreach (var id in _known.Keys)
            {
                if (!present.Contains(id))
                {
                    gone.Add(id);
                }
            }

            _importer.Remove(gone);
            foreach (var id in gone)
            {
                _known.Remove(id);
            }
        }
        else
        {
            var open = new List<long>();
            long maxId = 0;
            long since = 0;
            foreach (var (id, stamp) in _known)
            {
                maxId = Math.Max(maxId, id);
                since = Math.Max(since, Math.Max(stamp.Heartbeat ?? 0, stamp.StopTime ?? 0));
                if (stamp.Status is "RUNNING" or "QUEUED")
                {
                    open.Add(id);
                }
            }

            var from = DateTimeOffset.FromUnixTimeMilliseconds(since).UtcDateTime - s_lookBack;
            stamps = _source.Stamps(new RunChange(maxId, from, open));
        }

        var changed = new List<long>();
        var wanted = new Dictionary<long, RunStamp>();
        foreach (var stamp in stamps)
        {
            if (!_known.TryGetValue(stamp.Id, out var known) || known != stamp)
            {
                changed.Add(stamp.Id);
                wanted[stamp.Id] = stamp;
            }
        }

        foreach (var run in _source.Runs(changed))
        {
            if (!run["_id"].IsNumeric)
            {
                continue;
            }

            var id = run["_id"].ToInt64();
            var stamp = wanted.TryGetValue(id, out var wantedStamp) ? wantedStamp : default;
            try
            {
                _importer.Import(run, _known.ContainsKey(id));
                _unreadable.Remove(id);
            }
            catch (Exception e) when (e is not (MongoException or TimeoutException or IOException or System.Net.Sockets.SocketException))
            {
                // A document the import cannot read (a field of a type no Sacred writes): the others go on, and this
                // one is tried again when it changes.
                _unreadable[id] = FirstLine(e.Message);
            }

            _known[id] = stamp;
        }
    }

    private string? Unreadable()
    {
        if (_unreadable.Count == 0)
        {
            return null;
        }

        var (id, why) = _unreadable.First();
        return _unreadable.Count == 1 ? $"run {id} could not be mirrored: {why}" : $"{_unreadable.Count} runs could not be mirrored (run {id}: {why})";
    }

    private static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end];
    }
}
