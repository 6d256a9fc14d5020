using IvrReadings.Domain.Tests.Support;

namespace IvrReadings.Domain.Tests;

public sealed class ReadingCheckTests
{
    private static readonly BillingPeriod November = new(2026, 11);

    // Six months to October: 500, 600 ... 1000: previous 1000, average 100 a month.
    private static readonly IReadOnlyList<Reading> Steady = Some.SteadyHistory(November, 1000, 100);

    public static TheoryData<string, long, bool, DecisionKind, Reason[], ReadingFlags> Cases => new()
    {
        { "normal consumption", 1050, false, DecisionKind.Ok, [], ReadingFlags.None },
        { "same as previous", 1000, false, DecisionKind.Ok, [], ReadingFlags.None },
        { "lower: warn, accept with flag", 999, false, DecisionKind.Ok, [Reason.LowerThanPrevious], ReadingFlags.LowerThanPrevious },
        { "exactly N x average is fine", 1300, false, DecisionKind.Ok, [], ReadingFlags.None },
        { "above N x average: confirm", 1301, false, DecisionKind.NeedsConfirmation, [Reason.LargeJump], ReadingFlags.None },
        { "confirmed jump", 1301, true, DecisionKind.Ok, [Reason.LargeJump], ReadingFlags.LargeJumpConfirmed },
        { "fits six digits", 999_999, true, DecisionKind.Ok, [Reason.LargeJump], ReadingFlags.LargeJumpConfirmed },
        { "seven digits on a six-digit meter", 1_000_000, false, DecisionKind.Rejected, [Reason.TooManyDigits], ReadingFlags.None },
        { "negative", -1, false, DecisionKind.Rejected, [Reason.TooManyDigits], ReadingFlags.None },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Decides(string because, long value, bool confirmed, DecisionKind kind, Reason[] reasons, ReadingFlags flags)
    {
        var decision = ReadingCheck.Evaluate(Some.Organisation(), Some.Meter(), Zone.Total, value, Steady, Some.Moscow(20), confirmed);
        Assert.True(kind == decision.Kind, because);
        Assert.Equal(reasons, decision.Findings.Select(f => f.Reason));
        Assert.Equal(flags, decision.Flags);
        Assert.Equal(November, decision.Period);
    }

    [Fact]
    public void Findings_carry_what_the_caller_is_told()
    {
        var organisation = Some.Organisation();
        var lower = ReadingCheck.Evaluate(organisation, Some.Meter(), Zone.Total, 990, Steady, Some.Moscow(20));
        Assert.Equal(1000, lower.Findings.Single().Previous);
        var jump = ReadingCheck.Evaluate(organisation, Some.Meter(), Zone.Total, 5000, Steady, Some.Moscow(20));
        Assert.Equal(new Finding(Reason.LargeJump, Previous: 1000, AverageConsumption: 100), jump.Findings.Single());
        var digits = ReadingCheck.Evaluate(organisation, Some.Meter(digits: 5), Zone.Total, 123456, Steady, Some.Moscow(20));
        Assert.Equal(5, digits.Findings.Single().Digits);
    }

    [Theory]
    [InlineData(14, "2026-11-15", "2026-11-25")]
    [InlineData(26, "2026-12-15", "2026-12-25")]
    public void Outside_the_window_is_refused_with_the_dates_to_call(int day, string opens, string closes)
    {
        var decision = ReadingCheck.Evaluate(Some.Organisation(), Some.Meter(), Zone.Total, 1050, Steady, Some.Moscow(day));
        Assert.Equal(DecisionKind.Rejected, decision.Kind);
        var finding = decision.Findings.Single();
        Assert.Equal(Reason.OutsideWindow, finding.Reason);
        Assert.Equal(DateOnly.Parse(opens, System.Globalization.CultureInfo.InvariantCulture), finding.WindowOpens);
        Assert.Equal(DateOnly.Parse(closes, System.Globalization.CultureInfo.InvariantCulture), finding.WindowCloses);
    }

    [Theory]
    [InlineData("2026-11-19", true)]
    [InlineData("2026-11-20", false)] // due today: not overdue yet
    [InlineData("2027-03-01", false)]
    public void Overdue_verification_is_accepted_with_a_flag(string due, bool overdue)
    {
        var meter = Some.Meter(verification: DateOnly.Parse(due, System.Globalization.CultureInfo.InvariantCulture));
        var decision = ReadingCheck.Evaluate(Some.Organisation(), meter, Zone.Total, 1050, Steady, Some.Moscow(20));
        Assert.Equal(DecisionKind.Ok, decision.Kind);
        Assert.Equal(overdue, decision.Flags.HasFlag(ReadingFlags.VerificationOverdue));
        Assert.Equal(overdue, decision.Has(Reason.VerificationOverdue));
    }

    [Fact]
    public void A_new_meter_without_history_takes_any_value_that_fits()
    {
        var decision = ReadingCheck.Evaluate(Some.Organisation(), Some.Meter(), Zone.Total, 5, [], Some.Moscow(20));
        Assert.Equal(DecisionKind.Ok, decision.Kind);
        Assert.Empty(decision.Findings);
    }

    [Fact]
    public void Billing_imported_last_reading_is_the_previous_when_there_is_no_history()
    {
        var meter = Some.Meter(last: [new ZoneReading(Zone.Total, 4000, new DateOnly(2026, 10, 20))]);
        var decision = ReadingCheck.Evaluate(Some.Organisation(), meter, Zone.Total, 3999, [], Some.Moscow(20));
        Assert.Equal(ReadingFlags.LowerThanPrevious, decision.Flags);
        Assert.Equal(4000, decision.Findings.Single().Previous);
    }

    [Fact]
    public void Resubmitting_in_the_same_period_compares_with_last_month_not_with_the_first_try()
    {
        var history = Steady.Append(Some.Reading(1100, November, id: 50)).ToList();
        var decision = ReadingCheck.Evaluate(Some.Organisation(), Some.Meter(), Zone.Total, 1050, history, Some.Moscow(20));
        Assert.Equal(DecisionKind.Ok, decision.Kind);
        Assert.Empty(decision.Findings);
    }

    [Fact]
    public void Months_without_a_reading_widen_the_allowed_jump()
    {
        // History stops in August (1000, average 100): three months later up to 1000 + 3 x 3 x 100 is plausible.
        var history = Some.SteadyHistory(new BillingPeriod(2026, 9), 1000, 100);
        Assert.Equal(DecisionKind.Ok, ReadingCheck.Evaluate(Some.Organisation(), Some.Meter(), Zone.Total, 1900, history, Some.Moscow(20)).Kind);
        Assert.Equal(DecisionKind.NeedsConfirmation, ReadingCheck.Evaluate(Some.Organisation(), Some.Meter(), Zone.Total, 1901, history, Some.Moscow(20)).Kind);
    }

    [Fact]
    public void Readings_waiting_for_review_are_not_a_previous_value()
    {
        var history = Steady.Append(Some.Reading(9000, new BillingPeriod(2026, 10), id: 60, status: ReadingStatus.NeedsReview)).ToList();
        var decision = ReadingCheck.Evaluate(Some.Organisation(), Some.Meter(), Zone.Total, 1050, history, Some.Moscow(20));
        Assert.Empty(decision.Findings);
    }

    [Fact]
    public void Each_zone_is_judged_on_its_own_history()
    {
        var meter = Some.Meter(zones: 2);
        var history = new List<Reading>
        {
            Some.Reading(6000, new BillingPeriod(2026, 9), Zone.Day, id: 1),
            Some.Reading(2000, new BillingPeriod(2026, 9), Zone.Night, id: 2),
            Some.Reading(6100, new BillingPeriod(2026, 10), Zone.Day, id: 3),
            Some.Reading(2010, new BillingPeriod(2026, 10), Zone.Night, id: 4),
        };
        Assert.Equal(DecisionKind.Ok, ReadingCheck.Evaluate(Some.Organisation(), meter, Zone.Day, 6116, history, Some.Moscow(20)).Kind);
        // Night uses 10 a month: 2100 is a jump for night even though it would be fine for day.
        Assert.Equal(DecisionKind.NeedsConfirmation, ReadingCheck.Evaluate(Some.Organisation(), meter, Zone.Night, 2100, history, Some.Moscow(20)).Kind);
        Assert.Throws<ArgumentException>(() => ReadingCheck.Evaluate(Some.Organisation(), meter, Zone.Total, 1, history, Some.Moscow(20)));
    }

    [Fact]
    public void Jump_factor_comes_from_the_organisation()
    {
        var lenient = Some.Organisation(jump: 5);
        Assert.Equal(DecisionKind.Ok, ReadingCheck.Evaluate(lenient, Some.Meter(), Zone.Total, 1500, Steady, Some.Moscow(20)).Kind);
    }

    [Theory]
    [InlineData(91110, DecisionKind.Ok)]                 // 900 = 3 x 300 kWh, the typical month of electricity
    [InlineData(91111, DecisionKind.NeedsConfirmation)]
    [InlineData(99999, DecisionKind.NeedsConfirmation)]  // issue 12: was accepted silently (no average from one value)
    public void With_only_the_billing_reading_a_jump_is_judged_on_the_typical_use_of_the_kind(long value, DecisionKind kind)
    {
        var meter = Some.Meter(digits: 5, last: [new ZoneReading(Zone.Total, 90210, new DateOnly(2026, 10, 20))]);
        var decision = ReadingCheck.Evaluate(Some.Organisation(), meter, Zone.Total, value, [], Some.Moscow(20));
        Assert.Equal(kind, decision.Kind);
        if (kind == DecisionKind.NeedsConfirmation)
        {
            Assert.Equal(new Finding(Reason.LargeJump, Previous: 90210, AverageConsumption: 300), decision.Findings.Single());
        }
    }

    [Fact]
    public void The_typical_use_is_the_organisations_per_kind_and_shared_among_zones()
    {
        var organisation = new Organisation("Vodokanal", new SubmissionWindow(15, 25, "Europe/Moscow"), PromptLanguage.Ru, 5, 12, 3,
            new Dictionary<MeterKind, long> { [MeterKind.ColdWater] = 20 });
        var water = Some.Meter(kind: MeterKind.ColdWater, last: [new ZoneReading(Zone.Total, 100, new DateOnly(2026, 10, 20))]);
        Assert.Equal(DecisionKind.Ok, ReadingCheck.Evaluate(organisation, water, Zone.Total, 160, [], Some.Moscow(20)).Kind);
        Assert.Equal(DecisionKind.NeedsConfirmation, ReadingCheck.Evaluate(organisation, water, Zone.Total, 161, [], Some.Moscow(20)).Kind);

        // Kinds the organisation did not set keep the defaults; a two-zone electricity meter gets half of 300 per zone.
        var electricity = Some.Meter(zones: 2, last: [new ZoneReading(Zone.Day, 6000, new DateOnly(2026, 10, 20)), new ZoneReading(Zone.Night, 2000, new DateOnly(2026, 10, 20))]);
        Assert.Equal(DecisionKind.Ok, ReadingCheck.Evaluate(organisation, electricity, Zone.Night, 2450, [], Some.Moscow(20)).Kind);
        Assert.Equal(DecisionKind.NeedsConfirmation, ReadingCheck.Evaluate(organisation, electricity, Zone.Night, 2451, [], Some.Moscow(20)).Kind);
    }

    [Fact]
    public void The_meters_own_average_wins_over_the_typical_use_once_it_has_two_values()
    {
        // 100 a month of its own: 1301 is a jump although 3 x 300 would allow 1900.
        Assert.Equal(DecisionKind.NeedsConfirmation, ReadingCheck.Evaluate(Some.Organisation(), Some.Meter(), Zone.Total, 1301, Steady, Some.Moscow(20)).Kind);
        var limit = ReadingCheck.JumpLimitFor(Some.Organisation(), Some.Meter(), Zone.Total, Steady, November);
        Assert.Equal(new JumpLimit(1000, 100, 300), limit);
    }

    [Fact]
    public void A_flat_history_falls_back_to_the_typical_use_instead_of_taking_anything()
    {
        // An empty flat: 1000 for six months, average 0. 5000 next month is still a jump to confirm.
        var flat = Some.SteadyHistory(November, 1000, 0);
        Assert.Equal(DecisionKind.NeedsConfirmation, ReadingCheck.Evaluate(Some.Organisation(), Some.Meter(), Zone.Total, 5000, flat, Some.Moscow(20)).Kind);
        Assert.Equal(DecisionKind.Ok, ReadingCheck.Evaluate(Some.Organisation(), Some.Meter(), Zone.Total, 1900, flat, Some.Moscow(20)).Kind);
    }
}
