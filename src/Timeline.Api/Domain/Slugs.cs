namespace Timeline.Api.Domain;

/// <summary>What a slug is: the key of timelines, events, commitments, actors and quotes in URLs and data files.</summary>
public static class Slugs
{
    /// <summary>Lowercase letters and digits in runs joined by single hyphens, e.g. <c>2019-12-08-signing</c>.</summary>
    public const string Pattern = "^[a-z0-9]+(-[a-z0-9]+)*$";

    public const int MaxLength = 120;
}
