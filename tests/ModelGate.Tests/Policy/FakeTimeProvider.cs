namespace ModelGate.Tests.Policies;

/// <summary>A clock stopped at noon UTC of one day (Microsoft.Extensions.Time.Testing is not available here).</summary>
internal sealed class FakeTimeProvider(DateOnly day) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => new(day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
}
