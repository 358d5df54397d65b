using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Actors.Hosting.AspNetCore.Internal;

/// <summary>The handlers behind <c>MapActors</c>. Every query value is parsed by hand, so bad input gets a 400 that says what to send.</summary>
internal sealed class IntrospectionApi(ActorSystem system, ActorsEndpointOptions options, ILogger logger)
{
    private const int MaxPathLength = 1024;
    private const int DefaultLimit = 1000;

    private readonly RateTracker _rates = new(TimeProvider.System);   // msg/s per path, shared by every caller
    private readonly byte[]? _tokenHash = options.StopToken is { } token ? SHA256.HashData(Encoding.UTF8.GetBytes(token)) : null;   // immutable

    public IResult Tree(HttpContext http)
    {
        var query = http.Request.Query;
        if (!TryPath(query["under"], "/", out var under, out var error)
            || !TryInt(query["depth"], "depth", int.MaxValue, 0, int.MaxValue, out var depth, ref error)
            || !TryInt(query["offset"], "offset", 0, 0, int.MaxValue, out var offset, ref error)
            || !TryInt(query["limit"], "limit", Math.Min(DefaultLimit, options.MaxPageSize), 1, options.MaxPageSize, out var limit, ref error))
            return Results.Problem(error, statusCode: StatusCodes.Status400BadRequest);
        var snapshot = system.Snapshot();
        var page = TreePage.Build(snapshot, under, depth, offset, limit, _rates.Rates(snapshot));
        return page is null
            ? Results.Problem($"No task has the path '{under}'.", statusCode: StatusCodes.Status404NotFound)
            : Results.Json(page, IntrospectionJsonContext.Default.TreeJson);
    }

    public IResult Count()
    {
        var snapshot = system.Snapshot();
        var byKind = snapshot.Tasks.Skip(1).GroupBy(t => t.Kind.ToString()).ToDictionary(g => g.Key, g => g.Count());
        var byState = snapshot.Counts.ToDictionary(c => c.Key.ToString(), c => c.Value);
        return Results.Json(new CountJson(snapshot.Total, byState, byKind, snapshot.DeadLetters, snapshot.MessagesHandled), IntrospectionJsonContext.Default.CountJson);
    }

    public IResult Page(HttpContext http, string prefix)
    {
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.ContentSecurityPolicy = "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'";
        var html = LivePage.Html
            .Replace("__ACTORS_BASE__", System.Text.Json.JsonSerializer.Serialize(http.Request.PathBase + prefix.TrimEnd('/'), IntrospectionJsonContext.Default.String), StringComparison.Ordinal)
            .Replace("__STOP_ENABLED__", options.StopToken is null ? "false" : "true", StringComparison.Ordinal);
        return Results.Content(html, "text/html; charset=utf-8");
    }

    public async Task<IResult> StopAsync(HttpContext http)
    {
        var remote = http.Connection.RemoteIpAddress?.ToString() ?? "(unknown)";
        if (!Authorized(http.Request.Headers.Authorization.ToString()))
        {
            EndpointLog.StopRefused(logger, remote);
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return Results.Problem("Send the stop token as 'Authorization: Bearer <token>'.", statusCode: StatusCodes.Status401Unauthorized);
        }
        if (!TryPath(http.Request.Query["path"], null, out var path, out var error))
            return Results.Problem(error, statusCode: StatusCodes.Status400BadRequest);
        if (path == "/") return Results.Problem("The root cannot be stopped by path; stop the application instead.", statusCode: StatusCodes.Status400BadRequest);
        var task = system.Find(path);
        if (task is null) return Results.Problem($"No task has the path '{path}'.", statusCode: StatusCodes.Status404NotFound);
        EndpointLog.StopRequested(logger, path, remote);
        var stop = task.StopAsync(new StopCause("stopped over HTTP", remote));
        try { await stop.WaitAsync(TimeSpan.FromSeconds(10), http.RequestAborted).ConfigureAwait(false); }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException) { }
        var json = new StopJson(path, task.State.ToString());
        return task.IsFinished ? Results.Json(json, IntrospectionJsonContext.Default.StopJson) : Results.Json(json, IntrospectionJsonContext.Default.StopJson, statusCode: StatusCodes.Status202Accepted);
    }

    /// <summary>Compares the bearer token in constant time (hashes first, so the length leaks nothing either).</summary>
    private bool Authorized(string header)
    {
        if (_tokenHash is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length > 4096) return false;
        var given = SHA256.HashData(Encoding.UTF8.GetBytes(header.AsSpan(7).Trim().ToString()));
        return CryptographicOperations.FixedTimeEquals(given, _tokenHash);
    }

    private static bool TryPath(string? value, string? fallback, out string path, out string error)
    {
        error = "";
        path = string.IsNullOrEmpty(value) ? fallback ?? "" : value;
        if (path.Length == 0) error = "Pass the task's path, for example ?path=/server/connections/42.";
        else if (path.Length > MaxPathLength) error = $"The path is {path.Length} characters long; paths are at most {MaxPathLength}.";
        else if (path[0] != '/') error = "A path starts with '/', for example /server/connections/42.";
        else if (path.Length > 1 && (path.EndsWith('/') || path.Contains("//", StringComparison.Ordinal))) error = "A path has no empty segments: no '//' and no trailing '/'.";
        else if (path.Any(char.IsControl)) error = "A path has no control characters.";
        return error.Length == 0;
    }

    private static bool TryInt(string? value, string name, int fallback, int min, int max, out int result, ref string error)
    {
        result = fallback;
        if (string.IsNullOrEmpty(value)) return true;
        if (value.Length <= 10 && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out result) && result >= min && result <= max) return true;
        error = $"'{name}' must be a whole number from {min} to {max}.";
        return false;
    }
}
