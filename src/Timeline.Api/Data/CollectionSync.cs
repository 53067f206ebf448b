namespace Timeline.Api.Data;

/// <summary>Brings a tracked child collection in line with what a write or data file asks for.</summary>
public static class CollectionSync
{
    /// <summary>
    /// Makes the collection hold exactly the wanted items, removing and adding only what differs, so
    /// unchanged rows stay unchanged and EF Core writes nothing for them.
    /// </summary>
    public static void Sync<TItem, TWanted>(List<TItem> current, IReadOnlyList<TWanted> wanted, Func<TItem, TWanted, bool> same, Func<TWanted, TItem> create)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(wanted);
        current.RemoveAll(item => !wanted.Any(w => same(item, w)));
        foreach (var w in wanted.Where(w => !current.Any(item => same(item, w))))
            current.Add(create(w));
    }
}
