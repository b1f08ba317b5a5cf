using System;
using System.Net;
using System.Net.Sockets;
using Sacred.Mongo.Tests.Processes;
using Xunit;

namespace Sacred.Mongo.Tests.Connection;

/// <summary>
/// The probe that reports a stopped server at once instead of after the driver's 5 s server selection: it must refuse
/// only addresses where nothing can answer, and never one where a server listens. Real sockets on loopback.
/// </summary>
public sealed class MongoServerProbeTests
{
    [Fact]
    public void A_port_nothing_listens_on_is_refused_with_the_address_named()
    {
        var port = Programs.ClosedPort();

        var refused = Assert.Throws<MongoServerRefusedException>(() => MongoServerProbe.ThrowIfRefused(MongoTarget.Parse($"mongodb://127.0.0.1:{port}/lab")));

        Assert.Equal($"nothing listens at 127.0.0.1:{port} (connection refused)", refused.Message);
        Assert.IsAssignableFrom<MongoDB.Driver.MongoException>(refused);
    }

    [Fact]
    public void A_port_where_something_listens_passes()
    {
        using var listening = Listener(out var port);

        MongoServerProbe.ThrowIfRefused(MongoTarget.Parse($"127.0.0.1:{port}:lab"));
    }

    [Fact]
    public void A_host_name_whose_first_address_refuses_passes_when_another_of_its_addresses_listens()
    {
        // localhost may resolve to ::1 before 127.0.0.1; a server on 127.0.0.1 alone must not be taken for a stopped one.
        using var listening = Listener(out var port);

        MongoServerProbe.ThrowIfRefused(MongoTarget.Parse($"mongodb://localhost:{port}/lab"));
    }

    [Fact]
    public void A_seed_list_passes_when_any_server_listens_and_is_refused_only_when_every_one_refuses()
    {
        using var listening = Listener(out var open);
        var closedA = Programs.ClosedPort();
        var closedB = Programs.ClosedPort();

        MongoServerProbe.ThrowIfRefused(MongoTarget.Parse($"mongodb://127.0.0.1:{closedA},127.0.0.1:{open}/lab?replicaSet=rs0"));
        var refused = Assert.Throws<MongoServerRefusedException>(() => MongoServerProbe.ThrowIfRefused(MongoTarget.Parse($"mongodb://127.0.0.1:{closedA},127.0.0.1:{closedB}/lab?replicaSet=rs0")));

        Assert.Equal($"nothing listens at 127.0.0.1:{closedA} (connection refused); nothing listens at 127.0.0.1:{closedB} (connection refused)", refused.Message);
    }

    private static TcpListener Listener(out int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        port = ((IPEndPoint)listener.LocalEndpoint).Port;
        return listener;
    }
}
