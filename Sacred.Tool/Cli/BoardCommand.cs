using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using Sacred.Board;
using Sacred.Storage;

namespace Sacred.Tool.Cli;

/// <summary>
/// <c>sacred board [--store DIR] [--port N] [--host ADDR] [--token T] [--read-only] [--open]</c>: serves the web
/// dashboard over the store until Ctrl-C. Loopback (127.0.0.1) by default; any other address gets a token.
/// </summary>
internal static class BoardCommand
{
    public const string Usage = "sacred board [--store DIR] [--port N] [--host ADDR] [--token T] [--read-only] [--open]";

    private static readonly string[] s_options = ["--store", "--port", "--host", "--token", "--read-only", "--open"];

    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        string? store = null, host = null, token = null;
        var port = BoardOptions.DefaultPort;
        bool readOnly = false, open = false;
        for (var i = 0; i < args.Count; i++)
        {
            var (name, inline) = args[i].IndexOf('=') is var eq and > 0 ? (args[i][..eq], args[i][(eq + 1)..]) : (args[i], null);
            string Value() => inline ?? (i + 1 < args.Count ? args[++i] : throw new CliUsageException($"option '{name}' needs a value; {Usage}"));
            switch (name)
            {
                case "--store":
                    store = Value();
                    break;
                case "--host":
                    host = Value();
                    break;
                case "--token":
                    token = Value();
                    break;
                case "--port":
                    var text = Value();
                    if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port > 65535)
                    {
                        throw new CliUsageException($"invalid value '{text}' for --port; expected a port from 0 (any free port) to 65535");
                    }

                    break;
                case "--read-only":
                    readOnly = true;
                    break;
                case "--open":
                    open = true;
                    break;
                default:
                    var close = Sacred.Cli.Suggestions.DidYouMean(name, s_options);
                    throw new CliUsageException($"unknown {(name.StartsWith('-') ? "option" : "argument")} '{name}'{close}; {Usage}");
            }
        }

        BoardServer server;
        try
        {
            server = BoardServer.StartAsync(new BoardOptions
            {
                StoreDirectory = StoreLocation.Resolve(store),
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
