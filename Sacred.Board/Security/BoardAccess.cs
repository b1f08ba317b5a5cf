using System;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Sacred.Board.Security;

/// <summary>
/// Who may use the board, checked before anything else runs:
/// <list type="bullet">
/// <item>Bound to loopback, the Host header must name loopback (<c>localhost</c>, <c>127.0.0.1</c>, <c>[::1]</c>):
/// a web page that rebinds its own domain to 127.0.0.1 gets nothing.</item>
/// <item>With a token, every request must carry it: as the <c>sacred_board</c> cookie (HttpOnly, SameSite=Strict),
/// set when the page is opened with <c>?token=</c>, or as <c>Authorization: Bearer</c> for scripts.</item>
/// <item>A request that changes something (any method but GET/HEAD) must carry this server's CSRF token in the
/// <c>X-Sacred-Board</c> header (only the board's own page can read it) and, when the browser sends one, an Origin
/// of this server. With <c>--read-only</c> it is refused.</item>
/// </list>
/// </summary>
internal sealed class BoardAccess
{
    public const string CookieName = "sacred_board";
    public const string CsrfHeader = "X-Sacred-Board";

    private readonly byte[]? _token;
    private readonly bool _loopbackOnly;
    private readonly bool _readOnly;

    public BoardAccess(string? token, bool loopbackOnly, bool readOnly)
    {
        _token = token is null ? null : Encoding.UTF8.GetBytes(token);
        _loopbackOnly = loopbackOnly;
        _readOnly = readOnly;
        Csrf = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
    }

    /// <summary>The per-server token that requests changing anything must echo.</summary>
    public string Csrf { get; }

    /// <summary>The token a board on this address needs: the one given; else none on loopback, a fresh random one elsewhere.</summary>
    public static string? TokenFor(IPAddress address, string? given) =>
        given ?? (IPAddress.IsLoopback(address) ? null : Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20)));

    public static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    public async Task Invoke(HttpContext context, RequestDelegate next)
    {
        SecurityHeaders.Apply(context.Response);
        var request = context.Request;
        if (_loopbackOnly && !IsLoopback(request.Host.Host))
        {
            await Refuse(context, StatusCodes.Status421MisdirectedRequest, $"This board answers to localhost only, not to '{request.Host.Host}'.");
            return;
        }

        if (_token is not null && !HasToken(context))
        {
            await Refuse(context, StatusCodes.Status401Unauthorized, "This board needs its token: open the URL that 'sacred board' printed (it ends in ?token=...).");
            return;
        }

        if (context.Items.ContainsKey(CookieName))
        {
            return;
        }

        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            if (_readOnly)
            {
                await Refuse(context, StatusCodes.Status403Forbidden, "This board is read-only (started with --read-only): nothing can be changed.");
                return;
            }

            if (!SameOrigin(request) || !FixedTimeEquals(request.Headers[CsrfHeader], Encoding.UTF8.GetBytes(Csrf)))
            {
                await Refuse(context, StatusCodes.Status403Forbidden, "Refused: a change must come from the board's own page (missing or wrong X-Sacred-Board header, or a foreign Origin).");
                return;
            }
        }

        await next(context);
    }

    private bool HasToken(HttpContext context)
    {
        var request = context.Request;
        if (FixedTimeEquals(request.Cookies[CookieName], _token!))
        {
            return true;
        }

        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.Ordinal) && FixedTimeEquals(authorization[7..], _token!))
        {
            return true;
        }

        if (!FixedTimeEquals(request.Query["token"], _token!))
        {
            return false;
        }

        context.Response.Cookies.Append(CookieName, Encoding.UTF8.GetString(_token!), new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = request.IsHttps,
            Path = "/",
        });
        if (HttpMethods.IsGet(request.Method) && !request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
        {
            // The token leaves the address bar (and the history) at once; the cookie carries it from now on.
            context.Response.Redirect(request.PathBase + request.Path);
            context.Items[CookieName] = "redirected";
        }

        return true;
    }

    private static bool SameOrigin(HttpRequest request)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0 && site != "same-origin" && site != "none")
        {
            return false;
        }

        var origin = request.Headers.Origin.ToString();
        return origin.Length == 0 || origin == $"{request.Scheme}://{request.Host}";
    }

    private static bool FixedTimeEquals(StringValues given, byte[] expected)
    {
        var text = given.ToString();
        return text.Length > 0 && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(text), expected);
    }

    private static Task Refuse(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(message + "\n");
    }
}
