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

namespace Sacred.Tool.Cli;

/// <summary>
/// <c>sacred board [--store DIR] [--port N] [--host ADDR] [--token T] [--read-only] [--open]</c>: serves the web
/// dashboard over the store until Ctrl-C. Loopback (127.0.0.1) by default; any other address gets a token.
/// <c>-m URL</c> (MongoDB) is recognised and refused with one line until the board reads MongoDB (Sacred.Mongo).
/// </summary>
internal static class BoardCommand
{
    public const string Usage = "sacred board [--store DIR] [--port N] [--host ADDR] [--token T] [--read-only] [--open]";

    private static readonly CommandLineOption Port = new(null, "port", "N", "The port; 0 picks a free one.");
    private static readonly CommandLineOption Host = new(null, "host", "ADDR", "The address to bind; anything but loopback needs a token.");
    private static readonly CommandLineOption Token = new(null, "token", "T", "The access token (generated when binding beyond loopback).");
    private static readonly CommandLineOption ReadOnly = new(null, "read-only", null, "Turns every change (tags, notes, deletes) off.");
    private static readonly CommandLineOption Open = new(null, "open", null, "Opens the board in the browser.");
    private static readonly CommandLineOption Mongo = new('m', "mongo", "URL", "A MongoDB database (not yet: the board reads the embedded store).");

    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        var parsed = ToolArguments.Parse(args, [Port, Host, Token, ReadOnly, Open, Mongo, ToolOptions.Store], 0, 0, Usage["sacred ".Length..]);
        if (parsed.Value(Mongo) is { } mongo)
        {
            throw new UsageException(
                $"-m {mongo}: the board does not read MongoDB yet; serve the embedded store (where -m runs are recorded too) with --store DIR");
        }

        var store = parsed.Store;
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
            }).GetAwaiter().GetResult();
        }
        catch (BoardStartException e)
        {
            stderr.Write($"error: {e.Message}\n");
            return 1;
        }

        using var stop = new CancellationTokenSource();
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        stdout.Write($"Sacred board for {server.StoreDirectory}{(server.ReadOnly ? " (read-only)" : "")}\n");
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
        return 0;

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }
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
