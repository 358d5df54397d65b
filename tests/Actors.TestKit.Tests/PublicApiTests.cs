using Actors.Tests;

namespace Actors.Testing.Tests;

public class PublicApiTests
{
    [Fact]
    public void ThePublicSurfaceOfActorsTestKitMatchesTheApprovedList() => PublicApi.Verify(typeof(TestProbe<>).Assembly);
}
