using Actors.Hosting.AspNetCore;
using Actors.Tests;

namespace Actors.Hosting.Tests;

public class PublicApiTests
{
    [Fact]
    public void ThePublicSurfaceOfActorsHostingMatchesTheApprovedList() => PublicApi.Verify(typeof(ActorsBuilder).Assembly);

    [Fact]
    public void ThePublicSurfaceOfActorsHostingAspNetCoreMatchesTheApprovedList() => PublicApi.Verify(typeof(ActorsEndpointOptions).Assembly);
}
