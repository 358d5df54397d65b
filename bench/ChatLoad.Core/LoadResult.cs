namespace ChatLoad;

/// <summary>Result of one load run against one server.</summary>
internal sealed record LoadResult(long Deliveries, double Seconds, double CpuSeconds, double P50Ms, double P99Ms)
{
    public double PerSecond => Deliveries / Seconds;

    public double CpuMicrosPerDelivery => CpuSeconds * 1e6 / Deliveries;
}
