using System;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Sacred.Board.Security;

namespace Sacred.Board.Hosting;

/// <summary>Serves the app: hashed assets cached for a year, the page itself revalidated every time.</summary>
internal static class ClientAssetEndpoint
{
    public static Task Serve(HttpContext context, ClientAssets assets)
    {
        var path = context.Request.Path.Value ?? "/";
        var asset = assets.Find(path);
        var isPage = asset is null || path == "/index.html";
        if (asset is null)
        {
            if (path.StartsWith("/assets/", StringComparison.Ordinal) || path.StartsWith("/api/", StringComparison.Ordinal))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }

            asset = assets.Index;
        }

        var headers = context.Response.Headers;
        headers.ETag = asset.ETag;
        headers.CacheControl = isPage ? "no-cache" : "public, max-age=31536000, immutable";
        headers.Vary = "Accept-Encoding";
        if (isPage)
        {
            headers.ContentSecurityPolicy = SecurityHeaders.PagePolicy;
        }

        if (context.Request.Headers.IfNoneMatch == asset.ETag)
        {
            context.Response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }

        var accept = context.Request.Headers.AcceptEncoding.ToString();
        var body = asset.Content;
        if (asset.Brotli is { } brotli && accept.Contains("br", StringComparison.Ordinal))
        {
            headers.ContentEncoding = "br";
            body = brotli;
        }
        else if (asset.Gzip is { } gzip && accept.Contains("gzip", StringComparison.Ordinal))
        {
            headers.ContentEncoding = "gzip";
            body = gzip;
        }

        context.Response.ContentType = asset.ContentType;
        context.Response.ContentLength = body.Length;
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : context.Response.Body.WriteAsync(body).AsTask();
    }
}
