namespace Actors.Supervision;

/// <summary>Totals over a supervisor's children (OTP's count_children).</summary>
/// <param name="Specs">Child specs held.</param>
/// <param name="Active">Children with a running instance.</param>
/// <param name="Supervisors">Specs that are nested supervisors.</param>
/// <param name="Workers">Specs that are not.</param>
public sealed record ChildCounts(int Specs, int Active, int Supervisors, int Workers);
