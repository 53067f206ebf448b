using Timeline.Api.Domain;

namespace Timeline.Api.Tests.Domain;

public sealed class TreatyRecordTests
{
    private const long A = 1;
    private const long B = 2;
    private static readonly long[] Parties = [A, B];

    private static TreatyActionEntry At(long id, long? party, TreatyActionKind kind, string date, bool retracted = false)
    {
        var d = EdtfDate.Parse(date);
        return new TreatyActionEntry(id, party, kind, d.Start, d.End, retracted);
    }

    private static DateOnly Day(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void StatusOf_WalksSignatureRatificationAndTheTreatysEntryIntoForce()
    {
        var record = new TreatyRecord(
        [
            At(1, A, TreatyActionKind.Signature, "2020-01-01"), At(2, B, TreatyActionKind.Signature, "2020-01-01"),
            At(3, A, TreatyActionKind.Ratification, "2020-02-01"), At(4, B, TreatyActionKind.Ratification, "2020-03-01"),
            At(5, null, TreatyActionKind.EntryIntoForce, "2020-03-01"),
        ]);

        Assert.Equal(PartyStatus.NotSigned, record.StatusOf(A, Day("2019-12-31")).Status);
        Assert.Equal(PartyStatus.Signed, record.StatusOf(A, Day("2020-01-01")).Status);
        Assert.Equal(PartyStatus.Ratified, record.StatusOf(A, Day("2020-02-29")).Status);
        Assert.Equal(PartyStatus.Signed, record.StatusOf(B, Day("2020-02-29")).Status);
        Assert.Equal(PartyStatus.InForce, record.StatusOf(A, Day("2020-03-01")).Status);
        Assert.Equal(PartyStatus.InForce, record.StatusOf(B, Day("2020-03-01")).Status);
        Assert.False(record.ForceOn(Day("2020-02-29"), Parties).InForce);
        Assert.Equal(5, record.ForceOn(Day("2020-03-01"), Parties).Since?.Id);
    }

    [Fact]
    public void AnIntervalDate_CountsFromItsLastDay()
    {
        var record = new TreatyRecord([At(1, A, TreatyActionKind.Signature, "2024-12-06"), At(2, A, TreatyActionKind.Ratification, "2025-02-18/2025-03-03")]);

        Assert.Equal(PartyStatus.Signed, record.StatusOf(A, Day("2025-03-02")).Status);
        Assert.Equal(PartyStatus.Ratified, record.StatusOf(A, Day("2025-03-03")).Status);
    }

    [Fact]
    public void AnAgreementNobodyRatifies_BindsItsSignatoriesWhenItEntersIntoForce()
    {
        var record = new TreatyRecord([At(1, A, TreatyActionKind.Signature, "2020-06-19"), At(2, B, TreatyActionKind.Signature, "2020-06-19"), At(3, null, TreatyActionKind.EntryIntoForce, "2024-01-11")]);

        Assert.Equal(PartyStatus.InForce, record.StatusOf(B, Day("2024-01-11")).Status);
    }

    [Fact]
    public void Retracted_SuspendedAndWithdrawn_AreRead()
    {
        var record = new TreatyRecord(
        [
            At(1, A, TreatyActionKind.Signature, "2020-01-01", retracted: true), At(2, B, TreatyActionKind.Accession, "2020-01-01"),
            At(3, null, TreatyActionKind.EntryIntoForce, "2020-01-02"), At(4, B, TreatyActionKind.Suspension, "2021"), At(5, B, TreatyActionKind.Withdrawal, "2022-05"),
        ]);

        Assert.Equal(PartyStatus.NotSigned, record.StatusOf(A, Day("2030-01-01")).Status);
        Assert.Equal(PartyStatus.InForce, record.StatusOf(B, Day("2020-01-02")).Status);
        Assert.Equal(PartyStatus.Suspended, record.StatusOf(B, Day("2021-12-31")).Status);
        Assert.Equal(PartyStatus.Withdrawn, record.StatusOf(B, Day("2022-05-31")).Status);
        Assert.False(record.ForceOn(Day("2022-05-31"), Parties).InForce);
    }

    [Fact]
    public void Check_FindsARatificationBeforeTheSignature_AndAnEntryIntoForceBeforeTheLastRatification()
    {
        var problems = TreatyRecord.Check(
        [
            At(1, A, TreatyActionKind.Signature, "2020-05-01"), At(2, A, TreatyActionKind.Ratification, "2020-04-30"),
            At(3, B, TreatyActionKind.Ratification, "2020-08-01"), At(4, null, TreatyActionKind.EntryIntoForce, "2020-07-01"),
            At(5, null, TreatyActionKind.ProvisionalApplication, "2020-06-01"), At(6, null, TreatyActionKind.Signature, "2020-05-01"),
        ], Parties, Day("2020-05-01"));

        Assert.Equal([(2L, "date"), (4L, "date"), (6L, "party")],
            problems.Select(p => (p.Action.Id, p.Field)).Order());
    }

    [Fact]
    public void Check_AcceptsUncertainDatesThatMayBeInOrder_AndIgnoresRetractedActions()
    {
        var problems = TreatyRecord.Check(
        [
            At(1, A, TreatyActionKind.Signature, "1997-12"), At(2, A, TreatyActionKind.Ratification, "1997-12-15"),
            At(3, B, TreatyActionKind.Ratification, "1990", retracted: true), At(4, B, TreatyActionKind.Signature, "1998"),
        ], Parties, null);

        Assert.Empty(problems);
    }
}
