using Timeline.Api.Domain;

namespace Timeline.Api.Features.Common;

/// <summary>How EDTF query values (<c>from</c>, <c>to</c>, <c>asOf</c>), already parsed by the binder, turn into day bounds.</summary>
public static class DateQuery
{
    /// <summary><c>from=2019-12</c> means from the first day of December 2019.</summary>
    public static DateOnly? StartOf(EdtfDate? from) => from?.Start;

    /// <summary><c>to=2019-12</c> means up to the last day of December 2019.</summary>
    public static DateOnly? EndOf(EdtfDate? to) => to?.End;

    /// <summary>
    /// The day whose knowledge <c>asOf</c> asks for: the last day the value covers. Without <c>asOf</c>,
    /// everything recorded counts (the current status).
    /// </summary>
    public static DateOnly AsOf(EdtfDate? asOf) => asOf?.End ?? DateOnly.MaxValue;
}
