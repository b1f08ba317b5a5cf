using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using MongoDB.Bson;

namespace Sacred.Mongo.Tests.Wire;

/// <summary>
/// A test-only MongoDB server on a loopback port: it speaks the wire protocol the official driver speaks to a
/// standalone server (see <see cref="WireMessage"/>) and keeps an in-memory database that applies what our code sends
/// (see <see cref="FakeCommands"/>), so real processes record through the real driver into something that answers.
/// Every command received is kept for assertions. Not MongoDB: no indexes but the unique <c>_id</c>, no sessions,
/// transactions, cursors beyond the first batch, authentication, TLS or compression.
/// </summary>
public sealed class FakeMongoServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly FakeCommands _commands = new();
    private readonly List<ReceivedCommand> _received = [];
    private readonly List<TcpClient> _clients = [];
    private readonly Lock _lock = new();
    private readonly Task _accepting;
    private int _nextReplyId;

    /// <summary>Starts listening on a free loopback port.</summary>
    public FakeMongoServer()
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = Task.Run(AcceptAsync);
    }

    /// <summary>The port it listens on.</summary>
    public int Port { get; }

    /// <summary>The server's address, <c>mongodb://127.0.0.1:PORT</c>.</summary>
    public string Address => $"mongodb://127.0.0.1:{Port}";

    /// <summary>A connection string to <paramref name="database"/> on this server.</summary>
    public string Url(string database) => $"{Address}/{database}";

    /// <summary>Every command received so far, in order.</summary>
    public IReadOnlyList<ReceivedCommand> Commands
    {
        get
        {
            lock (_lock)
            {
                return [.. _received];
            }
        }
    }

    /// <summary>The names of the collections of <paramref name="database"/> that hold documents.</summary>
    public IReadOnlyList<string> CollectionNames(string database)
    {
        lock (_lock)
        {
            return [.. _commands.Collections.Where(c => c.Key.StartsWith(database + ".", StringComparison.Ordinal) && c.Value.Documents.Count > 0).Select(c => c.Key[(database.Length + 1)..]).Order(StringComparer.Ordinal)];
        }
    }

    /// <summary>A copy of the documents of <paramref name="database"/>.<paramref name="collection"/>, in insertion order.</summary>
    public IReadOnlyList<BsonDocument> Documents(string database, string collection)
    {
        lock (_lock)
        {
            return _commands.Collections.TryGetValue(database + "." + collection, out var found)
                ? [.. found.Documents.Select(d => d.DeepClone().AsBsonDocument)]
                : [];
        }
    }

    /// <summary>Stops listening and closes every connection.</summary>
    public void Dispose()
    {
        _listener.Stop();
        lock (_lock)
        {
            foreach (var client in _clients)
            {
                client.Dispose();
            }
        }

        try
        {
            _accepting.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
    }

    private async Task AcceptAsync()
    {
        while (true)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return;
            }

            lock (_lock)
            {
                _clients.Add(client);
            }

            new Thread(() => Serve(client)) { IsBackground = true, Name = "fake mongo connection" }.Start();
        }
    }

    private void Serve(TcpClient client)
    {
        try
        {
            using var stream = client.GetStream();
            while (WireMessage.Read(stream) is { } message)
            {
                var command = message.Command;
                var name = command.GetElement(0).Name;
                BsonDocument reply;
                int replyId;
                lock (_lock)
                {
                    var collection = command[0] is BsonString text && name is not ("hello" or "isMaster" or "ismaster") ? text.Value : null;
                    _received.Add(new ReceivedCommand(name, message.Database, collection, command));
                    reply = _commands.Execute(name, message.Database, command);
                    replyId = ++_nextReplyId;
                }

                if (message.ExpectsReply)
                {
                    message.WriteReply(stream, reply, replyId);
                }
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or InvalidDataException)
        {
            // The client (or Dispose) closed the connection; a message this server cannot read closes it too, as a
            // server drops a client that breaks the protocol.
        }
    }
}
