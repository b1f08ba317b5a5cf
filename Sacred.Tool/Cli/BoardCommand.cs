using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using Sacred.Board;
using Sacred.CommandLine;
using Sacred.Mongo;
using Sacred.Mongo.Mirror;
using Sacred.Storage;

namespace Sacred.Tool.Cli;

/// <summary>
/// <c>sacred board [--store DIR | -m URL] [--port N] [--host ADDR] [--token T] [--read-only] [--open]</c>: serves the
/// web dashboard over the store until Ctrl-C. Loopback (127.0.0.1) by default; any other address gets a token.
/// With <c>-m URL</c> (also <c>--mongo_db</c>, Sacred's <c>host:port:db</c>, or <c>SACRED_MONGO</c> when no store is
/// named) it serves a local mirror of that MongoDB database (<see cref="MongoMirror"/>), pulled every 2 s.
/// </summary>
internal static class BoardCommand
{
    public const string Usage = "sacred board [--store DIR | -m URL] [--port N] [--host ADDR] [--token T] [--read-only] [--open]";

    private static readonly CommandLineOption Port = new(null, "port", "N", "The port; 0 picks a free one.");
    private static readonly CommandLineOption Host = new(null, "host", "ADDR", "The address to bind; anything but loopback needs a token.");
    private static readonly CommandLineOption Token = new(null, "token", "T", "The access token (generated when binding beyond loopback).");
    private static readonly CommandLineOption ReadOnly = new(null, "read-only", null, "Turns every change (tags, notes, deletes) off.");
    private static readonly CommandLineOption Open = new(null, "open", null, "Opens the board in the browser.");
    private static readonly CommandLineOption Mongo = new('m', "mongo_db", "URL", "A MongoDB database to mirror and show: mongodb://host:27017/db or Sacred's host:port:db_name (else $SACRED_MONGO when no --store).");

    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        var parsed = ToolArguments.Parse(args, [Port, Host, Token, ReadOnly, Open, Mongo, ToolOptions.Store], 0, 0, Usage["sacred ".Length..]);
        var mongo = parsed.Value(Mongo);
        if (mongo is not null && parsed.Value(ToolOptions.Store) is not null)
        {
            throw new UsageException("give either --store DIR (an embedded store) or -m URL (a MongoDB database to mirror), not both");
        }

        if (mongo is null && parsed.Value(ToolOptions.Store) is null && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("SACRED_STORE")))
        {
            mongo = Environment.GetEnvironmentVariable("SACRED_MONGO") is { Length: > 0 } fromEnvironment ? fromEnvironment : null;
        }

        MongoMirror? mirror = null;
        if (mongo is not null)
        {
            mirror = OpenMirror(mongo, stdout, stderr);
            if (mirror is null)
            {
                return 1;
            }
        }

        var store = mirror?.StoreDirectory ?? parsed.Store;
        var host = parsed.Value(Host);
        var token = parsed.Value(Token);
        var readOnly = parsed.Has(ReadOnly);
        var open = parsed.Has(Open);
        var portText = parsed.Value(Port);
        var port = BoardOptions.DefaultPort;
        if (portText is not null && (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port > 65535))
        {
            throw new UsageException($"invalid value '{portText}' for --port; expected a port from 0 (any free port) to 65535");
        }

        BoardServer server;
        try
        {
            server = BoardServer.StartAsync(new BoardOptions
            {
                StoreDirectory = store,
                Host = host ?? "127.0.0.1",
                Port = port,
                Token = token,
                ReadOnly = readOnly,
                Mirror = mirror,
            }).GetAwaiter().GetResult();
        }
        catch (BoardStartException e)
        {
            mirror?.Dispose();
            stderr.Write($"error: {e.Message}\n");
            return 1;
        }

        using var stop = new CancellationTokenSource();
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        var shown = mirror is null ? server.StoreDirectory : $"a mirror of {mirror.Status.Source} (kept in {mirror.Directory}, pulled every 2 s)";
        stdout.Write($"Sacred board for {shown}{(server.ReadOnly ? " (read-only)" : "")}\n");
        stdout.Write($"  {server.LaunchUrl}\n");
        if (server.Token is not null && token is null)
        {
            stdout.Write("  (listening beyond this machine: the token in the address is required; pass --token to choose it)\n");
        }

        stdout.Write("Press Ctrl+C to stop.\n");
        stdout.Flush();
        if (open)
        {
            OpenBrowser(server.LaunchUrl, stderr);
        }

        stop.Token.WaitHandle.WaitOne();
        server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        mirror?.Dispose();
        return 0;

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }
    }

    /// <summary>
    /// Opens the mirror and pulls once. When MongoDB cannot be reached, an earlier mirror is served as it was (with a
    /// banner, changes refused, pulls retried); with none, one line and null.
    /// </summary>
    private static MongoMirror? OpenMirror(string text, TextWriter stdout, TextWriter stderr)
    {
        MongoTarget target;
        try
        {
            target = MongoTarget.Parse(text);
        }
        catch (FormatException e)
        {
            throw new UsageException(e.Message);
        }

        MongoMirror mirror;
        try
        {
            mirror = MongoMirror.Open(target);
        }
        catch (StoreException e)
        {
            stderr.Write($"error: the board's mirror of {target.SafeText} cannot be opened: {e.Message}\n");
            return null;
        }

        stdout.Write($"Pulling {mirror.Status.Source} into {mirror.Directory} ...\n");
        stdout.Flush();
        if (mirror.Pull())
        {
            mirror.Start();
            return mirror;
        }

        var status = mirror.Status;
        if (!mirror.HasPulled)
        {
            stderr.Write($"error: {status.Problem}; there is no earlier mirror of it to show (check the address, or that the server runs)\n");
            mirror.Dispose();
            return null;
        }

        stderr.Write($"warning: {status.Problem}; showing the mirror as last pulled at {status.LastPulled:u} (changes are refused until MongoDB is back; pulls go on)\n");
        mirror.Start();
        return mirror;
    }

    private static void OpenBrowser(Uri url, TextWriter stderr)
    {
        try
        {
            using var browser = Process.Start(new ProcessStartInfo(OperatingSystem.IsMacOS() ? "open" : "xdg-open", url.ToString()) { UseShellExecute = false });
        }
        catch (Win32Exception)
        {
            stderr.Write($"note: no browser opener found; open {url} yourself\n");
        }
    }
}
