using IvrReadings.Domain.Tests.Support;

namespace IvrReadings.Domain.Tests;

public sealed class StaffEntryCheckTests
{
    private static readonly BillingPeriod November = new(2026, 11);
    private static readonly Meter Water = Some.Meter(id: 1, kind: MeterKind.ColdWater);
    private static readonly Meter TwoZone = Some.Meter(id: 2, zones: 2);

    // Water: 500 ... 1000 to October, 100 a month. The two-zone meter: day 3000 / night 1000 in October, nothing before.
    private static readonly IReadOnlyList<Reading> History =
    [
        .. Some.SteadyHistory(November, 1000, 100),
        Some.Reading(3000, November.AddMonths(-1), Zone.Day, id: 20, meterId: 2),
        Some.Reading(1000, November.AddMonths(-1), Zone.Night, id: 21, meterId: 2),
    ];

    private static readonly HashSet<(long, Zone, long)> NoneConfirmed = [];

    private static StaffEntryResult Check(IReadOnlyList<StaffEntry> entries, IReadOnlySet<(long, Zone, long)>? confirmed = null,
        IReadOnlyDictionary<(long, Zone), long>? callFigures = null, DateTimeOffset? at = null) =>
        StaffEntryCheck.Evaluate(Some.Organisation(), [Water, TwoZone], History, entries, callFigures ?? new Dictionary<(long, Zone), long>(),
            SubmissionChannel.Voice, at ?? Some.Moscow(20), confirmed ?? NoneConfirmed);

    [Fact]
    public void A_figure_within_the_rules_is_stored_as_staff_corrected_when_the_call_gave_none()
    {
        var result = Check([new StaffEntry(1, Zone.Total, 1050)]);
        Assert.True(result.CanStore);
        Assert.Equal(new StaffReading(1, Zone.Total, 1050, November, SubmissionChannel.Staff, ReadingFlags.StaffCorrected), result.Readings.Single());
    }

    [Fact]
    public void A_figure_equal_to_what_the_call_gave_keeps_the_calls_channel_and_is_not_staff_corrected()
    {
        var result = Check([new StaffEntry(1, Zone.Total, 1050)], callFigures: new Dictionary<(long, Zone), long> { [(1, Zone.Total)] = 1050 });
        Assert.Equal(new StaffReading(1, Zone.Total, 1050, November, SubmissionChannel.Voice, ReadingFlags.None), result.Readings.Single());
        var changed = Check([new StaffEntry(1, Zone.Total, 1060)], callFigures: new Dictionary<(long, Zone), long> { [(1, Zone.Total)] = 1050 });
        Assert.Equal((SubmissionChannel.Staff, ReadingFlags.StaffCorrected), (changed.Readings.Single().Channel, changed.Readings.Single().Flags));
    }

    [Theory]
    [InlineData(1301, Reason.LargeJump, ReadingFlags.LargeJumpConfirmed)]
    [InlineData(900, Reason.LowerThanPrevious, ReadingFlags.LowerThanPrevious)]
    public void A_jump_or_a_lower_figure_needs_the_reviewers_confirmation_as_the_phone_asks_the_caller(long value, Reason reason, ReadingFlags flag)
    {
        var asked = Check([new StaffEntry(1, Zone.Total, value)]);
        Assert.False(asked.CanStore);
        Assert.Empty(asked.Readings);
        var zone = asked.For(1, Zone.Total)!;
        Assert.Equal((EntryVerdict.NeedsConfirmation, reason), (zone.Verdict, zone.Findings.Single().Reason));

        var confirmed = Check([new StaffEntry(1, Zone.Total, value)], new HashSet<(long, Zone, long)> { (1, Zone.Total, value) });
        Assert.True(confirmed.CanStore);
        Assert.Equal(flag | ReadingFlags.StaffCorrected, confirmed.Readings.Single().Flags);

        // A confirmation is for the figure it was given for, not another.
        Assert.False(Check([new StaffEntry(1, Zone.Total, value + 1)], new HashSet<(long, Zone, long)> { (1, Zone.Total, value) }).CanStore);
    }

    [Fact]
    public void More_digits_than_the_meter_has_are_rejected()
    {
        var result = Check([new StaffEntry(1, Zone.Total, 1_000_000)]);
        Assert.Equal((EntryVerdict.Rejected, Reason.TooManyDigits), (result.For(1, Zone.Total)!.Verdict, result.For(1, Zone.Total)!.Findings.Single().Reason));
        Assert.False(result.CanStore);
    }

    [Fact]
    public void Verification_overdue_is_stored_with_its_flag_as_of_the_call()
    {
        var overdue = Some.Meter(id: 3, verification: new DateOnly(2026, 11, 10));
        var result = StaffEntryCheck.Evaluate(Some.Organisation(), [overdue], [], [new StaffEntry(3, Zone.Total, 5)], new Dictionary<(long, Zone), long>(),
            SubmissionChannel.Voice, Some.Moscow(20), NoneConfirmed);
        Assert.Equal(ReadingFlags.VerificationOverdue | ReadingFlags.StaffCorrected, result.Readings.Single().Flags);
        Assert.Equal(EntryVerdict.Ok, result.For(3, Zone.Total)!.Verdict);
    }

    [Fact]
    public void A_two_zone_meter_is_stored_whole_or_not_at_all()
    {
        var half = Check([new StaffEntry(2, Zone.Day, 3100), new StaffEntry(2, Zone.Night, null)]);
        Assert.False(half.CanStore);
        Assert.Equal([EntryVerdict.Incomplete, EntryVerdict.Incomplete], half.Zones.Where(z => z.MeterId == 2).Select(z => z.Verdict));

        // One zone needing a confirmation holds the other back too.
        var asked = Check([new StaffEntry(2, Zone.Day, 3100), new StaffEntry(2, Zone.Night, 900)]);
        Assert.Empty(asked.Readings);
        Assert.Equal([EntryVerdict.Ok, EntryVerdict.NeedsConfirmation], asked.Zones.Where(z => z.MeterId == 2).Select(z => z.Verdict));

        var whole = Check([new StaffEntry(2, Zone.Day, 3100), new StaffEntry(2, Zone.Night, 1100)]);
        Assert.Equal([Zone.Day, Zone.Night], whole.Readings.Select(r => r.Zone));
    }

    [Fact]
    public void An_empty_form_stores_nothing_and_says_so()
    {
        var result = Check([new StaffEntry(1, Zone.Total, null)]);
        Assert.True(result.IsEmpty);
        Assert.False(result.CanStore);
    }

    [Fact]
    public void The_rules_are_those_of_the_calls_moment_its_window_and_period()
    {
        // A call on 25 November (inside the 15-25 window) reviewed later is a November reading.
        var result = Check([new StaffEntry(1, Zone.Total, 1050)], at: Some.Moscow(25, hour: 23));
        Assert.Equal(November, result.Readings.Single().Period);
        var outside = Check([new StaffEntry(1, Zone.Total, 1050)], at: Some.Moscow(26));
        Assert.Equal((EntryVerdict.Rejected, Reason.OutsideWindow), (outside.For(1, Zone.Total)!.Verdict, outside.For(1, Zone.Total)!.Findings.Single().Reason));
    }
}
