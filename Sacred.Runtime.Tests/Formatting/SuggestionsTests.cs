using Sacred.Formatting;
using Xunit;

namespace Sacred.Runtime.Tests.Formatting;

public sealed class SuggestionsTests
{
    private static readonly string[] Keys = ["batch_size", "learning_rate", "model.depth", "model.width", "optimizer", "seed"];

    [Theory]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("fsat", "fast", 1)]
    [InlineData("trian", "train", 1)]
    [InlineData("", "abc", 3)]
    [InlineData("same", "same", 0)]
    [InlineData("ca", "abc", 3)]
    public void Distance_counts_adjacent_swaps_as_one_edit(string a, string b, int expected)
    {
        Assert.Equal(expected, Suggestions.Distance(a, b));
    }

    [Theory]
    [InlineData("lerning_rate", "learning_rate")]
    [InlineData("Learning_Rate", "learning_rate")]
    [InlineData("depth", "model.depth")]
    [InlineData("model.dpeth", "model.depth")]
    [InlineData("modle.depth", "model.depth")]
    [InlineData("optimiser", "optimizer")]
    [InlineData("seeed", "seed")]
    public void Finds_the_intended_key(string typed, string expected)
    {
        Assert.Equal(expected, Suggestions.Closest(typed, Keys)[0]);
    }

    [Theory]
    [InlineData("lr")]
    [InlineData("completely_different")]
    [InlineData("xyz")]
    public void Suggests_nothing_when_nothing_is_close(string typed)
    {
        Assert.Empty(Suggestions.Closest(typed, Keys));
        Assert.Equal("", Suggestions.DidYouMean(typed, Keys));
    }

    [Fact]
    public void Lists_up_to_three_closest_first()
    {
        var close = Suggestions.Closest("model.w", ["model.a", "model.b", "model.c", "model.d", "model.width"]);

        Assert.Equal(["model.a", "model.b", "model.c"], close);
        Assert.Equal("; did you mean 'model.a', 'model.b' or 'model.c'?", Suggestions.DidYouMean("model.w", ["model.a", "model.b", "model.c", "model.d"]));
        Assert.Equal("; did you mean 'fast'?", Suggestions.DidYouMean("fsat", ["fast", "full"]));
        Assert.Equal("; did you mean 'debt' or 'depth'?", Suggestions.DidYouMean("dept", ["depth", "width", "debt"]));
    }
}
