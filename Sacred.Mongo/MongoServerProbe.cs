using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using MongoDB.Driver;

namespace Sacred.Mongo;

/// <summary>
/// Tells at once that nothing can answer at a MongoDB address, before the driver's server selection would wait its
/// whole timeout (5 s) for a server that refuses every connection: a stopped server or a mistyped port refuses a TCP
/// connection within a millisecond, a mistyped host name fails to resolve. A server that accepts no connection within
/// the connect timeout (5 s unless the address sets <c>connectTimeoutMS</c>) counts as unreachable too, so such an
/// address costs that timeout once, not that and then the driver's selection timeout. The servers of a seed list are
/// tried at once, and any that accepts a connection is enough.
/// </summary>
public static class MongoServerProbe
{
    /// <summary>Throws when every server of the address definitely cannot be reached; returns when any may answer.</summary>
    /// <param name="target">The address.</param>
    /// <exception cref="MongoServerRefusedException">Every server refused, does not resolve, or did not answer in time.</exception>
    public static void ThrowIfRefused(MongoTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (target.Url.Scheme == MongoDB.Driver.Core.Configuration.ConnectionStringScheme.MongoDBPlusSrv)
        {
            // The servers are found through DNS SRV records, which the driver resolves: nothing to probe here.
            return;
        }

        var servers = target.Url.Servers.ToList();
        if (servers.Count == 0 || servers.Any(s => s.Host.StartsWith('/') || s.Host.EndsWith(".sock", StringComparison.Ordinal)))
        {
            return;
        }

        var timeout = target.ClientSettings().ConnectTimeout;
        var probes = servers.Select(s => Task.Run(() => Probe(s.Host, s.Port, timeout))).ToList();
        var pending = new List<Task<Outcome>>(probes);
        while (pending.Count > 0)
        {
            var done = Task.WhenAny(pending).GetAwaiter().GetResult();
            if (done.Result.Refusal is null)
            {
                return;
            }

            pending.Remove(done);
        }

        throw new MongoServerRefusedException(string.Join("; ", probes.Select(p => p.Result.Refusal)), probes[^1].Result.Error!);
    }

    private static async Task<Outcome> Probe(string host, int port, TimeSpan timeout)
    {
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        using var budget = new CancellationTokenSource(timeout);
        try
        {
            await socket.ConnectAsync(host, port, budget.Token).ConfigureAwait(false);
            return new Outcome(null, null);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
        {
            return new Outcome($"nothing listens at {host}:{port} (connection refused)", e);
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.HostNotFound or SocketError.NoData)
        {
            return new Outcome($"the host name {host} does not resolve", e);
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.NetworkUnreachable or SocketError.HostUnreachable)
        {
            return new Outcome($"{host}:{port} is unreachable ({e.SocketErrorCode})", e);
        }
        catch (OperationCanceledException e) when (budget.IsCancellationRequested)
        {
            var seconds = timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture);
            return new Outcome($"{host}:{port} accepted no connection within {seconds} s", new SocketException((int)SocketError.TimedOut, e.Message));
        }
        catch (SocketException)
        {
            // A failure that may pass (a DNS server that did not answer): the driver's own timeout decides.
            return new Outcome(null, null);
        }
    }

    private readonly record struct Outcome(string? Refusal, SocketException? Error);
}
