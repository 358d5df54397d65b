using System.Net;
using Microsoft.AspNetCore.Http;

namespace Actors.Hosting.AspNetCore.Internal;

/// <summary>Answers 403 to callers that are not on this machine.</summary>
internal static class LoopbackFilter
{
    public static ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var remote = context.HttpContext.Connection.RemoteIpAddress;
        if (remote is null || IsLoopback(remote)) return next(context);
        return ValueTask.FromResult<object?>(Results.Problem(
            "The actors endpoints answer loopback callers only; set ActorsEndpointOptions.Access to Anyone (and add authorization) to open them.",
            statusCode: StatusCodes.Status403Forbidden));
    }

    private static bool IsLoopback(IPAddress address) =>
        IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);
}
