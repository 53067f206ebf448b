namespace Timeline.Api.Domain;

/// <summary>
/// What an event's recorded status means on a given day. The one derived case: a <c>planned</c> event whose latest possible
/// day has passed was announced and never held, a first-class fact readers and exports say in words.
/// </summary>
public enum EventOutcome { Occurred, Planned, NeverHeld, Cancelled, Postponed }

/// <summary>Decides an event's <see cref="EventOutcome"/>; every reader page, feed and export asks here.</summary>
public static class EventOutcomes
{
    /// <param name="status">The status editors recorded.</param>
    /// <param name="latestPossibleDay">The latest day the event's date may denote (<see cref="EdtfDate.End"/>).</param>
    /// <param name="today">Today by the injected clock (<see cref="ClockExtensions.Today"/>).</param>
    public static EventOutcome Of(EventStatus status, DateOnly latestPossibleDay, DateOnly today) => status switch
    {
        EventStatus.Planned when latestPossibleDay < today => EventOutcome.NeverHeld,
        EventStatus.Planned => EventOutcome.Planned,
        EventStatus.Cancelled => EventOutcome.Cancelled,
        EventStatus.Postponed => EventOutcome.Postponed,
        _ => EventOutcome.Occurred,
    };

    public static EventOutcome Of(EventStatus status, EdtfDate date, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(date);
        return Of(status, date.End, today);
    }
}
