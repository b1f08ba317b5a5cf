using Microsoft.AspNetCore.Http;

namespace Sacred.Board.Security;

/// <summary>The headers every response carries, and the content security policies of the page and of stored files.</summary>
internal static class SecurityHeaders
{
    /// <summary>The app's page: its own scripts and styles only, no inline script, no framing, no plugins.</summary>
    public const string PagePolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; " +
        "font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; frame-src 'none'; object-src 'none'";

    /// <summary>
    /// A stored file (artifact), even when a browser is pointed at it directly: sandboxed (no script, no same
    /// origin), nothing loaded, so a recorded HTML or SVG file cannot run anything or reach the board's API.
    /// </summary>
    public const string StoredFilePolicy = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; sandbox";

    public static void Apply(HttpResponse response)
    {
        var headers = response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Cross-Origin-Resource-Policy"] = "same-origin";
    }
}
