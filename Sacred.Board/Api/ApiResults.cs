using System;
using System.Globalization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Sacred.Board.Query;

namespace Sacred.Board.Api;

/// <summary>JSON responses through the generated serializers, and the one error shape.</summary>
internal static class ApiResults
{
    public static IResult Json<T>(T value, JsonTypeInfo<T> type, int status = StatusCodes.Status200OK) =>
        Results.Json(value, type, contentType: "application/json; charset=utf-8", statusCode: status);

    public static IResult Error(int status, string message, string? parameter = null) =>
        Json(new ErrorDto(message, null, parameter), BoardJsonContext.Default.ErrorDto, status);

    public static IResult QueryError(QueryError error, string parameter) =>
        Json(
            new ErrorDto(error.Message, new QueryErrorDto(error.Message, error.Position, error.Length, error.Expected), parameter),
            BoardJsonContext.Default.ErrorDto,
            StatusCodes.Status400BadRequest);

    public static IResult NoRun(long id) => Error(StatusCodes.Status404NotFound, $"There is no run {id.ToString(CultureInfo.InvariantCulture)} in this store.");

    /// <summary>Reads an integer query parameter in a range, or explains what is valid.</summary>
    public static bool TryInteger(HttpRequest request, string name, long fallback, long min, long max, out long value, out IResult? error)
    {
        error = null;
        var text = request.Query[name].ToString();
        if (text.Length == 0)
        {
            value = fallback;
            return true;
        }

        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value) && value >= min && value <= max)
        {
            return true;
        }

        error = Error(StatusCodes.Status400BadRequest, $"'{text}' is not valid for {name}: give a whole number from {min} to {max}.", name);
        return false;
    }

    /// <summary>The user's time zone as the page reports it (<c>tz</c> = JavaScript's getTimezoneOffset, minutes behind UTC).</summary>
    public static TimeSpan UtcOffset(HttpRequest request) =>
        int.TryParse(request.Query["tz"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var minutes) && Math.Abs(minutes) <= 24 * 60
            ? TimeSpan.FromMinutes(-minutes)
            : TimeSpan.Zero;
}
