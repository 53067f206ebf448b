namespace Timeline.Api.Infrastructure;

/// <summary>The <c>Database</c> configuration section.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public const string Sqlite = "Sqlite";
    public const string Postgres = "Postgres";

    /// <summary><c>Sqlite</c> (the default, embedded) or <c>Postgres</c> (for several replicas).</summary>
    public string Provider { get; set; } = Sqlite;

    public bool IsPostgres => string.Equals(Provider, Postgres, StringComparison.OrdinalIgnoreCase);

    /// <summary>Seed an empty database from the data folder on start.</summary>
    public bool SeedOnStart { get; set; } = true;

    /// <summary>The folder of data files to seed from; found by walking up from the app when not set.</summary>
    public string? DataPath { get; set; }
}
