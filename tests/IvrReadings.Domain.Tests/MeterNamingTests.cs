namespace IvrReadings.Domain.Tests;

/// <summary>How a meter is told apart from the account's other meters of its kind, on the keypad and the voice line.</summary>
public sealed class MeterNamingTests
{
    [Theory]
    [InlineData("Кухня", MeterPlace.Kitchen)]
    [InlineData("kitchen sink", MeterPlace.Kitchen)]
    [InlineData("ванная", MeterPlace.Bathroom)]
    [InlineData("Bathroom", MeterPlace.Bathroom)]
    [InlineData("санузел", MeterPlace.Toilet)]
    [InlineData("коридор", MeterPlace.None)]
    [InlineData("", MeterPlace.None)]
    [InlineData(null, MeterPlace.None)]
    public void A_description_names_a_place_when_we_have_a_word_for_it(string? description, MeterPlace place) =>
        Assert.Equal(place, MeterNaming.PlaceOf(description));

    [Fact]
    public void A_place_wins_else_the_number_among_its_kind_else_nothing()
    {
        Assert.Equal(new MeterName(MeterPlace.Kitchen, null), MeterNaming.Of("кухня", 1, 2));
        Assert.Equal(new MeterName(MeterPlace.None, 2), MeterNaming.Of("коридор", 1, 2));
        Assert.Equal(new MeterName(MeterPlace.None, null), MeterNaming.Of(null, 0, 1));
    }
}
