namespace Actors.Cluster.Tests;

public class PublicApiTests
{
    [Fact]
    public void ThePublicSurfaceOfActorsClusterMatchesTheApprovedList() => PublicApi.Verify(typeof(ClusterNode).Assembly);
}
