namespace Timeline.Api.Infrastructure;

/// <summary>The <c>Database</c> configuration section.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary><c>Sqlite</c> (the default) or, from the scale-out work on, <c>Postgres</c>.</summary>
    public string Provider { get; set; } = "Sqlite";

    /// <summary>Seed an empty database from the data folder on start.</summary>
    public bool SeedOnStart { get; set; } = true;

    /// <summary>The folder of data files to seed from; found by walking up from the app when not set.</summary>
    public string? DataPath { get; set; }
}
