namespace Actors.Tests;

public class PublicApiTests
{
    [Fact]
    public void ThePublicSurfaceOfActorsMatchesTheApprovedList() => PublicApi.Verify(typeof(ActorSystem).Assembly);
}
