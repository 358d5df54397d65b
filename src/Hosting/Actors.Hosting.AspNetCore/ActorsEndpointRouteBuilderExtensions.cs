using Actors;
using Actors.Hosting.AspNetCore;
using Actors.Hosting.AspNetCore.Internal;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the Actors introspection endpoints.</summary>
public static class ActorsEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps, under <paramref name="prefix"/>: <c>GET</c> the tree as JSON (<c>?under=/path&amp;depth=N&amp;offset=0&amp;limit=1000</c>),
    /// <c>GET /count</c> counts by state and kind, <c>GET /ui</c> a live page, and, only when
    /// <see cref="ActorsEndpointOptions.StopToken"/> is set, <c>POST /stop?path=/a/b</c> (bearer token required).
    /// They answer callers on loopback only unless <see cref="ActorsEndpointOptions.Access"/> says otherwise.
    /// </summary>
    /// <param name="endpoints">The application.</param>
    /// <param name="prefix">The route prefix.</param>
    /// <param name="configure">Token, access, page size.</param>
    /// <returns>The group, to add conventions such as <c>RequireAuthorization</c>.</returns>
    /// <exception cref="InvalidOperationException"><c>AddActors</c> was not called.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static RouteGroupBuilder MapActors(this IEndpointRouteBuilder endpoints, string prefix = "/actors", Action<ActorsEndpointOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrWhiteSpace(prefix);
        var options = new ActorsEndpointOptions();
        configure?.Invoke(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxPageSize, 1, nameof(ActorsEndpointOptions.MaxPageSize));
        if (!Enum.IsDefined(options.Access)) throw new ArgumentOutOfRangeException(nameof(configure), options.Access, "Use an ActorsEndpointAccess value.");
        if (options.StopToken is { Length: < 16 })
            throw new ArgumentOutOfRangeException(nameof(configure), "The stop token is shorter than 16 characters; use a long random secret (for example 32 random bytes as base64).");
        var services = endpoints.ServiceProvider;
        var system = services.GetService<ActorSystem>()
            ?? throw new InvalidOperationException("MapActors needs the actor system: call builder.Services.AddActors(...) first.");
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Actors.Hosting.AspNetCore");
        var api = new IntrospectionApi(system, options, logger);

        var group = endpoints.MapGroup(prefix);
        if (options.Access == ActorsEndpointAccess.LoopbackOnly) group.AddEndpointFilter(LoopbackFilter.InvokeAsync);
        group.MapGet("", api.Tree).ExcludeFromDescription();
        group.MapGet("/count", api.Count).ExcludeFromDescription();
        group.MapGet("/ui", (HttpContext http) => api.Page(http, prefix)).ExcludeFromDescription();
        if (options.StopToken is not null) group.MapPost("/stop", (Func<HttpContext, Task<IResult>>)api.StopAsync).ExcludeFromDescription();
        return group;
    }
}
