namespace Timeline.Api.Infrastructure;

/// <summary>
/// Completes once <see cref="DatabaseSetup.InitialiseDatabaseAsync"/> has migrated the database, so that background
/// jobs (the idempotency purge) start on a database that has its tables. A host that never initialises it (the
/// <c>openapi</c> verb starts one only to describe its endpoints) never runs them.
/// </summary>
public sealed class DatabaseReadiness
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task WhenReadyAsync(CancellationToken cancellationToken) => _ready.Task.WaitAsync(cancellationToken);

    internal void Ready() => _ready.TrySetResult();
}
