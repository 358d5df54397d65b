using Actors.Tests;

namespace Actors.Supervision.Tests;

public class PublicApiTests
{
    [Fact]
    public void ThePublicSurfaceOfActorsSupervisionMatchesTheApprovedList() => PublicApi.Verify(typeof(Supervisor).Assembly);
}
