using IvrReadings.CallFlow.Flow;

namespace IvrReadings.CallFlow.Tests.Flow;

/// <summary>A hangup after each event of the standard call: confirmed readings are stored, unconfirmed are not.</summary>
public sealed class HangupAtEveryStepTests
{
    [Fact]
    public void Hangup_at_every_step_of_the_standard_call()
    {
        var full = new FlowHarness();
        full.Run(Some.StandardCall);
        var steps = full.Commands.Count;

        for (var k = 0; k < steps; k++)
        {
            var harness = new FlowHarness { HangUpAfter = k };
            var end = harness.Run(Some.StandardCall);
            Assert.True(end.IsEnded);
            Assert.NotNull(end.LastStep);

            // Every StoreReading the flow issued before the hangup completed; none is pending after the end.
            var issued = harness.Commands.OfType<StoreReading>().Count();
            Assert.Equal(issued, harness.Stored.Count);
            Assert.All(harness.Stored, r => Assert.Contains(full.Stored, f => f.Meter.MeterId == r.Meter.MeterId && f.Values.SequenceEqual(r.Values)));
        }
    }

    [Fact]
    public void Hangup_before_the_store_answer_is_not_possible_but_after_is_recorded()
    {
        // The runner never cancels a store on hangup: the store commits, then the hangup is seen.
        var state = ReadingsFlow.Initial(Some.Settings());
        var decision = ReadingsFlow.Decide(state, new CallStarted());
        decision = ReadingsFlow.Decide(decision.State, new HungUp());
        Assert.Equal(CallEnding.HungUp, decision.State.Outcome);
        Assert.Equal(FlowStep.MainMenu, decision.State.LastStep);
        Assert.Empty(decision.Commands);
    }
}
