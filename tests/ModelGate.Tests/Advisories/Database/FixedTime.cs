namespace ModelGate.Tests.Advisories.Database;

/// <summary>A clock stopped at one instant, so statuses compare exactly.</summary>
internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
