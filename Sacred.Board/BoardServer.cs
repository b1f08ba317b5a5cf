using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sacred.Board.Api;
using Sacred.Board.Hosting;
using Sacred.Board.Security;
using Sacred.Storage;
using Sacred.Storage.Curation;
using Sacred.Storage.Reading;
using Sacred.Storage.Writing;

namespace Sacred.Board;

/// <summary>
/// The Sacred board: a web app over an embedded store, served by Kestrel. Start it with <see cref="StartAsync"/>,
/// open <see cref="LaunchUrl"/>, stop it with <see cref="DisposeAsync"/>. Everything it serves is built into this
/// assembly; nothing is read from disk but the store.
/// </summary>
public sealed class BoardServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly BoardState _state;

    private BoardServer(WebApplication app, BoardState state, Uri url, string? token)
    {
        _app = app;
        _state = state;
        Url = url;
        Token = token;
    }

    /// <summary>The address the board listens on (with the real port when 0 was asked for).</summary>
    public Uri Url { get; }

    /// <summary>The token browsers must present, or null when none is needed (loopback without <see cref="BoardOptions.Token"/>).</summary>
    public string? Token { get; }

    /// <summary>The address to open in a browser: <see cref="Url"/>, with the token when there is one.</summary>
    public Uri LaunchUrl => Token is null ? Url : new Uri(Url, "/?token=" + Uri.EscapeDataString(Token));

    /// <summary>True when tags, notes and deletion are off.</summary>
    public bool ReadOnly => _state.Curation is null;

    /// <summary>The store folder served.</summary>
    public string StoreDirectory => _state.Store.Directory;

    /// <summary>Opens the store and starts listening.</summary>
    /// <param name="options">Store, address, port, token, read-only.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running server.</returns>
    /// <exception cref="StoreException">The store cannot be read (or, unless read-only, written).</exception>
    /// <exception cref="BoardStartException">The address is not valid or the port is taken.</exception>
    public static async Task<BoardServer> StartAsync(BoardOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var address = Resolve(options.Host);
        var loopback = IPAddress.IsLoopback(address);
        var token = BoardAccess.TokenFor(address, options.Token);
        if (token is { Length: < 8 })
        {
            throw new BoardStartException($"The token is {token.Length} chars long; give at least 8 (or none, and one is generated).");
        }

        var store = RunStore.Open(options.StoreDirectory);
        store.DeadAfter = options.DeadAfter;
        RunCuration? curation = null;
        if (!options.ReadOnly)
        {
            curation = RunCuration.Open(options.StoreDirectory);
            curation.DeadAfter = options.DeadAfter;
        }

        var access = new BoardAccess(token, loopback, options.ReadOnly);
        var state = new BoardState(options, store, curation, access);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, QuietLifetime>();
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(address, options.Port);
        });
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, BoardJsonContext.Default));

        var app = builder.Build();
        var assets = ClientAssets.Load();
        app.Use(ServerTiming);
        app.Use(access.Invoke);
        app.MapGet("/api/session", () => ApiResults.Json(
            new SessionDto(options.ReadOnly, access.Csrf, store.Directory, Version(), options.DeadAfter.TotalSeconds),
            BoardJsonContext.Default.SessionDto));
        RunsApi.Map(app, state);
        RunApi.Map(app, state);
        ChartsApi.Map(app, state);
        ArtifactsApi.Map(app, state);
        CurationApi.Map(app, state);
        SourceApi.Map(app, state);
        CompareApi.Map(app, state);
        EventsApi.Map(app, state);
        TensorBoardApi.Map(app, state);
        app.MapMethods("/api/{**rest}", ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH"], () =>
            ApiResults.Error(StatusCodes.Status404NotFound, "No such API endpoint."));
        app.MapFallback("{**path}", context => HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
            ? ClientAssetEndpoint.Serve(context, assets)
            : ApiResults.Error(StatusCodes.Status405MethodNotAllowed, "Only GET here.").ExecuteAsync(context));

        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException e) when (e.InnerException is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse } || e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
        {
            await app.DisposeAsync();
            state.Dispose();
            throw new BoardStartException($"Port {options.Port} on {options.Host} is in use; choose another with --port N (or --port 0 for any free port).", e);
        }
        catch
        {
            await app.DisposeAsync();
            state.Dispose();
            throw;
        }

        var bound = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(bound.Replace("[::]", "localhost", StringComparison.Ordinal).Replace("0.0.0.0", "localhost", StringComparison.Ordinal)).Port;
        var host = loopback ? address.ToString() : options.Host;
        if (host.Contains(':', StringComparison.Ordinal))
        {
            host = "[" + host + "]";
        }

        return new BoardServer(app, state, new Uri($"http://{host}:{port.ToString(CultureInfo.InvariantCulture)}/"), token);
    }

    /// <summary>Stops listening and closes the store.</summary>
    /// <returns>A task that completes when stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _state.Dispose();
    }

    private static IPAddress Resolve(string host)
    {
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return IPAddress.Loopback;
        }

        if (IPAddress.TryParse(host.Trim('[', ']'), out var address))
        {
            return address;
        }

        throw new BoardStartException($"'{host}' is not an IP address to listen on; give one such as 127.0.0.1 (the default), 0.0.0.0 or ::.");
    }

    /// <summary>Tells the browser (and the benchmark) how long the server spent on each API request.</summary>
    private static Task ServerTiming(HttpContext context, RequestDelegate next)
    {
        var started = Stopwatch.GetTimestamp();
        context.Response.OnStarting(() =>
        {
            var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            context.Response.Headers["Server-Timing"] = "app;dur=" + ms.ToString("0.0", CultureInfo.InvariantCulture);
            return Task.CompletedTask;
        });
        return next(context);
    }

    private static string Version() =>
        typeof(BoardServer).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "dev";
}
