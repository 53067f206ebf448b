using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Timeline.Api.Data.Import;

/// <summary>
/// Inserts many new rows into one table with multi-row <c>INSERT ... VALUES</c> statements, for the importer's
/// new events: EF Core's SaveChanges costs about 70 µs a row here (a million events are ten million rows),
/// a multi-row insert a few. Column names, value converters (kebab-case enums, dates) and parameter types all
/// come from the EF model, so the rows are stored exactly as SaveChanges would store them, on both providers.
/// No bulk-copy library is used: the join tables are EF shared-type entities (property bags) that those
/// libraries do not map, and this is the whole of it. Statements go through EF Core (its interceptors and logging).
/// </summary>
public static class BulkInsert
{
    // SQLite finds a named parameter by a linear search of the statement's names: many per statement cost n² (2,000 took
    // 30 % of an import in string compares); a couple of hundred keep both that and the per-statement overhead small.
    private const int ParametersPerStatement = 240;

    /// <summary>Inserts the rows (inside the caller's transaction) and returns how many were inserted.</summary>
    /// <param name="db">The context whose connection and model are used.</param>
    /// <param name="entityType">The EF entity type (or shared-type join entity) whose table gets the rows.</param>
    /// <param name="columns">The properties to set, with how to read each from a row; the rest take their defaults.</param>
    /// <param name="rows">The rows.</param>
    /// <param name="cancellationToken">Cancels the statements.</param>
    public static async Task<int> InsertAsync<TRow>(
        TimelineDbContext db, IEntityType entityType, IReadOnlyList<(string Property, Func<TRow, object?> Value)> columns,
        IReadOnlyCollection<TRow> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(entityType);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
            return 0;

        var sql = db.GetService<ISqlGenerationHelper>();
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var properties = columns.Select(c => entityType.FindProperty(c.Property)
            ?? throw new InvalidOperationException($"{entityType.DisplayName()} has no property {c.Property}.")).ToList();
        var mappings = properties.Select(p => p.GetRelationalTypeMapping()).ToList();
        var head = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", properties.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!)))}) VALUES ";

        var inserted = 0;
        var perStatement = Math.Max(1, ParametersPerStatement / columns.Count);
        using var factory = db.Database.GetDbConnection().CreateCommand();
        foreach (var chunk in rows.Chunk(perStatement))
        {
            var text = new StringBuilder(head);
            var parameters = new List<object>(chunk.Length * columns.Count);
            foreach (var row in chunk)
            {
                text.Append(parameters.Count == 0 ? "(" : ", (");
                for (var c = 0; c < columns.Count; c++)
                {
                    var name = $"@b{parameters.Count.ToString(CultureInfo.InvariantCulture)}";
                    parameters.Add(mappings[c].CreateParameter(factory, name, columns[c].Value(row), properties[c].IsNullable));
                    text.Append(c == 0 ? name : $", {name}");
                }

                text.Append(')');
            }

            inserted += await db.Database.ExecuteSqlRawAsync(text.ToString(), parameters, cancellationToken);
        }

        return inserted;
    }
}
