namespace Timeline.Api.Domain;

/// <summary>The one way the domain reads "today": the UTC day of the injected clock, so tests can set it.</summary>
public static class ClockExtensions
{
    public static DateOnly Today(this TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
    }
}
