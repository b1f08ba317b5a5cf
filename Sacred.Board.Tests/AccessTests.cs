using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Threading.Tasks;
using Sacred.Board.Security;
using Xunit;

namespace Sacred.Board.Tests;

/// <summary>Who may read and change a board: loopback only, tokens, CSRF, read-only.</summary>
public sealed class AccessTests : IClassFixture<BoardHost>
{
    private readonly BoardHost _board;

    public AccessTests(BoardHost board) => _board = board;

    private static HttpRequestMessage Put(string path, string? csrf, string? origin = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonContent.Create(new { tags = new[] { "x" } }) };
        if (csrf is not null)
        {
            request.Headers.Add("X-Sacred-Board", csrf);
        }

        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        return request;
    }

    [Fact]
    public async Task A_change_needs_the_pages_CSRF_token_and_a_same_origin_request()
    {
        var csrf = (await _board.Json("/api/session")).GetProperty("csrf").GetString();
        var path = $"/api/runs/{_board.Id("cifar")}/tags";

        using var missing = await _board.Http.SendAsync(Put(path, null));
        using var wrong = await _board.Http.SendAsync(Put(path, "0123456789abcdef"));
        using var foreign = await _board.Http.SendAsync(Put(path, csrf, "http://evil.example"));
        using var ok = await _board.Http.SendAsync(Put(path, csrf, _board.Server.Url.GetLeftPart(UriPartial.Authority)));

        Assert.Equal(HttpStatusCode.Forbidden, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Fact]
    public async Task A_loopback_board_refuses_requests_for_another_host_name()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/runs");
        request.Headers.Host = "attacker.example";
        using var response = await _board.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.MisdirectedRequest, response.StatusCode);

        using var localhost = new HttpRequestMessage(HttpMethod.Get, "/api/runs/count");
        localhost.Headers.Host = $"localhost:{_board.Server.Url.Port}";
        using var allowed = await _board.Http.SendAsync(localhost);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public void Any_address_but_loopback_gets_a_token_when_none_is_given()
    {
        Assert.Null(BoardAccess.TokenFor(IPAddress.Loopback, null));
        Assert.Null(BoardAccess.TokenFor(IPAddress.IPv6Loopback, null));
        var token = BoardAccess.TokenFor(IPAddress.Any, null);
        Assert.Equal(40, token!.Length);
        Assert.NotEqual(token, BoardAccess.TokenFor(IPAddress.Parse("192.0.2.10"), null));
        Assert.Equal("mine-12345", BoardAccess.TokenFor(IPAddress.Any, "mine-12345"));
    }

    [Fact]
    public async Task The_API_answers_unknown_endpoints_and_methods_with_JSON_errors_not_500s()
    {
        using var unknown = await _board.Http.GetAsync("/api/nothing-here");
        using var noRun = await _board.Http.GetAsync("/api/runs/999999");
        using var badLimit = await _board.Http.GetAsync("/api/runs?limit=abc");
        using var badSort = await _board.Http.GetAsync("/api/runs?sort=config.nope");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, noRun.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badLimit.StatusCode);
        Assert.Contains("give a whole number from 1 to 500", await badLimit.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badSort.StatusCode);
        var error = System.Text.Json.JsonDocument.Parse(await badSort.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString();
        Assert.StartsWith("No run has the config key 'nope'", error, StringComparison.Ordinal);
    }
}

/// <summary>A board started with a token: nothing without it; the page's token becomes a strict cookie.</summary>
public sealed class TokenAccessTests : IAsyncLifetime
{
    private readonly BoardHost _board = new(new BoardOptions { StoreDirectory = "", Token = "sesame-0123456789" });

    public Task InitializeAsync() => _board.InitializeAsync();

    public Task DisposeAsync() => _board.DisposeAsync();

    [Fact]
    public async Task Every_request_needs_the_token_as_cookie_bearer_or_first_visit_link()
    {
        Assert.Equal(new Uri(_board.Server.Url, "/?token=sesame-0123456789"), _board.Server.LaunchUrl);
        using var bare = await _board.Http.GetAsync("/api/runs");
        Assert.Equal(HttpStatusCode.Unauthorized, bare.StatusCode);
        using var page = await _board.Http.GetAsync("/");
        Assert.Equal(HttpStatusCode.Unauthorized, page.StatusCode);

        using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false };
        using var client = new HttpClient(handler) { BaseAddress = _board.Server.Url };
        using var first = await client.GetAsync("/runs/1?token=sesame-0123456789");
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal("/runs/1", first.Headers.Location!.ToString());
        var cookie = first.Headers.GetValues("Set-Cookie").Single();
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);

        using var withCookie = new HttpRequestMessage(HttpMethod.Get, "/api/runs/count");
        withCookie.Headers.Add("Cookie", cookie.Split(';')[0]);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(withCookie)).StatusCode);

        using var bearer = new HttpRequestMessage(HttpMethod.Get, "/api/runs/count");
        bearer.Headers.Authorization = new("Bearer", "sesame-0123456789");
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(bearer)).StatusCode);

        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/api/runs/count");
        wrong.Headers.Authorization = new("Bearer", "sesame-0123456780");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(wrong)).StatusCode);
    }
}

/// <summary>A board started with --read-only: reads work, every change is refused.</summary>
public sealed class ReadOnlyTests : IAsyncLifetime
{
    private readonly BoardHost _board = new(new BoardOptions { StoreDirectory = "", ReadOnly = true });

    public Task InitializeAsync() => _board.InitializeAsync();

    public Task DisposeAsync() => _board.DisposeAsync();

    [Fact]
    public async Task Reads_work_and_changes_are_refused()
    {
        var session = await _board.Json("/api/session");
        Assert.True(session.GetProperty("readOnly").GetBoolean());
        Assert.Equal(7, (await _board.Json("/api/runs/count")).GetProperty("count").GetInt64());
        using var tags = await _board.Send(HttpMethod.Put, $"/api/runs/{_board.Id("baseline")}/tags", new { tags = new[] { "x" } });
        using var delete = await _board.Send(HttpMethod.Post, "/api/runs/delete", new { ids = new[] { _board.Id("baseline") } });
        Assert.Equal(HttpStatusCode.Forbidden, tags.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
        Assert.Contains("read-only", await delete.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(7, (await _board.Json("/api/runs/count")).GetProperty("count").GetInt64());
    }
}
