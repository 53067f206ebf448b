namespace Timeline.Api.Domain;

/// <summary>Status of an event: a signing that was announced but never held is a fact worth recording.</summary>
public enum EventStatus { Occurred, Planned, Cancelled, Postponed }

/// <summary>What sort of happening an event is.</summary>
public enum EventKind
{
    Treaty, Signing, Agreement, Meeting, Summit, Talks, Statement, Poll, Law, Ratification, Deadline,
    Election, Referendum, Deployment, Report, Publication, Sanction, Exchange, Appointment, Other,
}

/// <summary>The part an actor played in an event.</summary>
public enum ActorRole { Signatory, Participant, Host, Speaker, Organiser, Subject, Author, Mediator }

/// <summary>How one event relates to another, read as "this event is &lt;relation&gt; the other".</summary>
public enum EventRelationKind
{
    AnniversaryOf, FollowUpTo, PostponedTo, ReplacedBy, TalksHeldInsteadOf, PartOf, ResponseTo, PrecededBy,
}

/// <summary>The status vocabulary of commitment assessments (definitions in data/README.md).</summary>
public enum CommitmentStatus { NotStarted, InProgress, Stalled, PartiallyMaterialised, Materialised, Abandoned }

/// <summary>The policy area a commitment belongs to.</summary>
public enum CommitmentCategory { Political, Economic, Monetary, Defence, Legal, Social }

/// <summary>What an actor is.</summary>
public enum ActorKind { Person, State, Organisation, Media }

/// <summary>How well a fact is established; low-confidence facts are shown as not settled.</summary>
public enum Confidence { High, Medium, Low }

/// <summary>What sort of instrument a treaty is.</summary>
public enum InstrumentKind { Treaty, Agreement, Charter, Programme, Declaration }

/// <summary>
/// What a party did with a treaty. Acceptance, approval and accession bind a party as ratification does;
/// <c>entry-into-force</c> and <c>provisional-application</c> may be the treaty's as a whole (no party).
/// </summary>
public enum TreatyActionKind
{
    Signature, Ratification, Acceptance, Approval, Accession, EntryIntoForce, ProvisionalApplication,
    Reservation, Declaration, Suspension, Withdrawal, Denunciation,
}

/// <summary>A party's standing under a treaty on a date, derived from its actions (see <see cref="TreatyRecord"/>).</summary>
#pragma warning disable CA1720 // "signed" is the field's word for a signatory's status, not a type name
public enum PartyStatus { NotSigned, Signed, Ratified, InForce, Suspended, Withdrawn }
#pragma warning restore CA1720
