namespace Timeline.Api.Domain;

/// <summary>A record that belongs to timelines (an event, commitment, quote or treaty): each change of it is listed under them.</summary>
public interface IOnTimelines
{
    List<TimelineStory> Timelines { get; }
}
