namespace Timeline.Api.Domain;

/// <summary>One action of a treaty's record as its rules see it.</summary>
/// <param name="Id">The action's id (or, before it is saved, its position): among actions with the same dates, the later one takes effect last.</param>
/// <param name="Party">The acting party's id; null for the treaty as a whole.</param>
/// <param name="Kind">What was done.</param>
/// <param name="Earliest">The earliest day its date may denote.</param>
/// <param name="Latest">The latest day its date may denote: from this day on, it has certainly happened.</param>
/// <param name="Retracted">Withdrawn by an admin: kept in the record, no longer counted.</param>
public sealed record TreatyActionEntry(long Id, long? Party, TreatyActionKind Kind, DateOnly Earliest, DateOnly Latest, bool Retracted = false);

/// <summary>A party's status on a day and the action that gave it (null for <see cref="PartyStatus.NotSigned"/>).</summary>
public sealed record PartyStanding(PartyStatus Status, TreatyActionEntry? Since, bool ProvisionallyApplied);

/// <summary>Whether a treaty is in force on a day, since which action, and whether only provisionally.</summary>
public sealed record TreatyForce(bool InForce, TreatyActionEntry? Since, bool Provisional);

/// <summary>An action that contradicts the rest of the record, and why.</summary>
public sealed record TreatyActionProblem(TreatyActionEntry Action, string Field, string Message);

/// <summary>
/// A treaty's append-only record of actions and every rule that reads it, in one place.
/// <para>An action counts for "as of D" once its latest possible day is on or before D and while it is not
/// retracted — the rule of commitment statuses (<see cref="StatusHistory"/>): a Russian ratification dated
/// "2025-02-18/2025-03-03" counts from 3 March. Actions take effect in the order latest day, earliest day, id.</para>
/// <para>A party's status walks its actions: a signature makes it <c>signed</c>; a ratification, acceptance, approval or
/// accession <c>ratified</c>; its own entry into force <c>in-force</c>; a suspension <c>suspended</c>; a withdrawal or
/// denunciation <c>withdrawn</c> (a later accession or ratification binds it again). Reservations and declarations
/// change no status. The treaty's entry into force as a whole puts in force every party that has consented to be bound
/// by then: by ratification (or the like), or — when no party's record holds any ratification, as with agreements that
/// bind on signature — by signature.</para>
/// <para>The treaty is in force from its entry into force as a whole (or from the first party's own entry into
/// force) until fewer than two parties remain that have not withdrawn.</para>
/// </summary>
public sealed class TreatyRecord
{
    private readonly List<TreatyActionEntry> _entries;

    public TreatyRecord(IEnumerable<TreatyActionEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        _entries = [.. entries.OrderBy(e => e.Latest).ThenBy(e => e.Earliest).ThenBy(e => e.Id)];
    }

    /// <summary>Every action, retracted ones included, in the order they took effect.</summary>
    public IReadOnlyList<TreatyActionEntry> Entries => _entries;

    /// <summary>Whether an action counts on a day.</summary>
    public static bool Counts(TreatyActionEntry entry, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return !entry.Retracted && entry.Latest <= day;
    }

    /// <summary>Kinds that bind a party as ratification does.</summary>
    public static bool IsConsent(TreatyActionKind kind) =>
        kind is TreatyActionKind.Ratification or TreatyActionKind.Acceptance or TreatyActionKind.Approval or TreatyActionKind.Accession;

    /// <summary>Kinds that may be recorded for the treaty as a whole, with no party.</summary>
    public static bool MayBeTreatyWide(TreatyActionKind kind) =>
        kind is TreatyActionKind.EntryIntoForce or TreatyActionKind.ProvisionalApplication;

    /// <summary>The party's status on <paramref name="day"/>.</summary>
    public PartyStanding StatusOf(long party, DateOnly day)
    {
        var status = PartyStatus.NotSigned;
        TreatyActionEntry? since = null;
        var provisional = false;
        var consented = false;
        var signedOnly = false;
        var consentAnywhere = _entries.Any(e => Counts(e, day) && IsConsent(e.Kind));
        foreach (var entry in _entries.Where(e => Counts(e, day) && (e.Party == party || e.Party is null)))
        {
            var before = status;
            switch (entry.Kind)
            {
                case TreatyActionKind.Signature when entry.Party is not null:
                    if (status == PartyStatus.NotSigned)
                        status = PartyStatus.Signed;
                    signedOnly = !consented;
                    break;
                case var kind when IsConsent(kind) && entry.Party is not null:
                    consented = true;
                    if (status is PartyStatus.NotSigned or PartyStatus.Signed or PartyStatus.Withdrawn)
                        status = TreatyInForce(day, entry) ? PartyStatus.InForce : PartyStatus.Ratified;
                    break;
                case TreatyActionKind.EntryIntoForce when entry.Party is not null:
                    status = PartyStatus.InForce;
                    provisional = false;
                    break;
                case TreatyActionKind.EntryIntoForce:
                    // The treaty as a whole: binding on every party that has consented by now (or signed, where nobody ratifies).
                    if (status == PartyStatus.Ratified || (status == PartyStatus.Signed && signedOnly && !consentAnywhere))
                    {
                        status = PartyStatus.InForce;
                        provisional = false;
                    }

                    break;
                case TreatyActionKind.ProvisionalApplication:
                    if (status is not (PartyStatus.InForce or PartyStatus.Withdrawn))
                        provisional = true;
                    break;
                case TreatyActionKind.Suspension when entry.Party is not null:
                    if (status != PartyStatus.Withdrawn)
                        status = PartyStatus.Suspended;
                    break;
                case TreatyActionKind.Withdrawal or TreatyActionKind.Denunciation when entry.Party is not null:
                    status = PartyStatus.Withdrawn;
                    provisional = false;
                    consented = false;
                    break;
            }

            if (status != before)
                since = entry;
        }

        return new PartyStanding(status, since, provisional);
    }

    /// <summary>Whether the treaty is in force on <paramref name="day"/> for <paramref name="parties"/>, and since when.</summary>
    public TreatyForce ForceOn(DateOnly day, IReadOnlyCollection<long> parties)
    {
        ArgumentNullException.ThrowIfNull(parties);
        var start = _entries.FirstOrDefault(e => Counts(e, day) && e.Kind == TreatyActionKind.EntryIntoForce);
        if (start is not null)
        {
            var withdrawn = parties.Count(p => StatusOf(p, day).Status == PartyStatus.Withdrawn);
            return parties.Count >= 2 && parties.Count - withdrawn < 2 ? new TreatyForce(false, null, false) : new TreatyForce(true, start, false);
        }

        var provisional = _entries.FirstOrDefault(e => Counts(e, day) && e.Kind == TreatyActionKind.ProvisionalApplication);
        return provisional is null ? new TreatyForce(false, null, false) : new TreatyForce(true, provisional, true);
    }

    // Whether the treaty as a whole entered into force on or before an action's day (a later consent binds at once).
    private bool TreatyInForce(DateOnly day, TreatyActionEntry consent) =>
        _entries.Any(e => Counts(e, day) && e.Party is null && e.Kind == TreatyActionKind.EntryIntoForce && e.Latest <= consent.Latest);

    /// <summary>
    /// What contradicts itself in a record: a party action by someone who is not a party; a treaty-wide action of a kind
    /// only a party takes; a ratification (acceptance, approval) certainly before that party's signature, or before the
    /// treaty's signing when the party's signature is not recorded; an entry into force certainly before the last
    /// ratification it needs (the party's own, or for the treaty as a whole every party's). Provisional application may
    /// come before ratification, and accession needs no signature. Dates only conflict when they certainly do: an
    /// action's latest day before the other's earliest. Retracted actions are left out.
    /// </summary>
    public static IReadOnlyList<TreatyActionProblem> Check(IEnumerable<TreatyActionEntry> actions, IReadOnlyCollection<long> parties, DateOnly? signedEarliest)
    {
        ArgumentNullException.ThrowIfNull(actions);
        ArgumentNullException.ThrowIfNull(parties);
        var counted = actions.Where(a => !a.Retracted).ToList();
        var problems = new List<TreatyActionProblem>();
        foreach (var action in counted)
        {
            if (action.Party is null)
            {
                if (!MayBeTreatyWide(action.Kind))
                    problems.Add(new(action, "party", $"A {Kebab.ToValue(action.Kind)} is a party's act: name the party."));
            }
            else if (!parties.Contains(action.Party.Value))
            {
                problems.Add(new(action, "party", "The actor is not one of the treaty's parties."));
            }

            if (action.Party is { } party && action.Kind is TreatyActionKind.Ratification or TreatyActionKind.Acceptance or TreatyActionKind.Approval)
            {
                var signature = counted.Where(a => a.Party == party && a.Kind == TreatyActionKind.Signature).MinBy(a => a.Earliest);
                if (signature is not null && action.Latest < signature.Earliest)
                {
                    problems.Add(new(action, "date", $"The {Kebab.ToValue(action.Kind)} is dated before the party's signature ({signature.Earliest:yyyy-MM-dd}): no ratification before signature."));
                }
                else if (signature is null && signedEarliest is { } signed && action.Latest < signed)
                {
                    problems.Add(new(action, "date", $"The {Kebab.ToValue(action.Kind)} is dated before the treaty was signed ({signed:yyyy-MM-dd}): no ratification before signature."));
                }
            }

            if (action.Kind == TreatyActionKind.EntryIntoForce)
            {
                var needed = counted.Where(a => IsConsent(a.Kind) && (action.Party is null || a.Party == action.Party)).MaxBy(a => a.Earliest);
                if (needed is not null && action.Latest < needed.Earliest)
                {
                    problems.Add(new(action, "date", $"The entry into force is dated before the last ratification it needs ({needed.Earliest:yyyy-MM-dd}); "
                        + "record an earlier application as provisional-application."));
                }
            }
        }

        return problems;
    }

    /// <summary>An action as an entry of its record.</summary>
    public static TreatyActionEntry EntryOf(TreatyAction action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return new TreatyActionEntry(action.Id, action.PartyId, action.Kind, action.DateStart, action.DateEnd, action.RetractedAt is not null);
    }
}
