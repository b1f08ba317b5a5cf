using Sacred.CommandLine;
using Xunit;

namespace Sacred.Runtime.Tests.CommandLine;

/// <summary>The one way Sacred's command lines (an experiment's and the <c>sacred</c> command's) split their arguments.</summary>
public sealed class CommandLineTokenizerTests
{
    private static readonly CommandLineOption Sort = new(null, "sort", "KEY", "");
    private static readonly CommandLineOption Json = new(null, "json", null, "");
    private static readonly CommandLineOption Name = new('n', "name", "NAME", "");
    private static readonly CommandLineOption Unobserved = new('u', "unobserved", null, "");
    private static readonly CommandLineOption[] Options = [Sort, Json, Name, Unobserved];

    [Fact]
    public void Options_stand_anywhere_and_positionals_keep_their_order()
    {
        var tokens = CommandLineTokenizer.Tokenize(["ls", "--sort=id", "a", "-un", "x", "b", "--json", "-3"], Options);

        Assert.Equal(["ls", "a", "b", "-3"], tokens.Positionals);
        Assert.Equal("id", tokens.ValueOf(Sort));
        Assert.Equal("x", tokens.ValueOf(Name));
        Assert.True(tokens.Has(Unobserved));
        Assert.True(tokens.Has(Json));
    }

    [Fact]
    public void A_value_may_start_with_a_dash_unless_it_is_one_of_the_options()
    {
        Assert.Equal("-result", CommandLineTokenizer.Tokenize(["--sort", "-result"], Options).ValueOf(Sort));
        Assert.Equal("-x", CommandLineTokenizer.Tokenize(["-n", "-x"], Options).ValueOf(Name));

        Assert.Equal("option --sort needs a value (KEY)", Error("--sort", "--json"));
        Assert.Equal("option --sort needs a value (KEY)", Error("--sort", "-u"));
        Assert.Equal("option -n/--name needs a value (NAME)", Error("-n"));
    }

    [Fact]
    public void Unknown_options_say_what_was_meant()
    {
        Assert.Equal("unknown option '--srot'; did you mean '--sort'? (see --help)", Error("--srot", "id"));
        Assert.Equal("unknown option '-q' in '-uq' (see --help)", Error("-uq"));
        Assert.Equal("option --json takes no value (in '--json=yes')", Error("--json=yes"));
    }

    [Fact]
    public void Double_dash_ends_the_options()
    {
        var tokens = CommandLineTokenizer.Tokenize(["a", "--", "--json", "-u"], Options);

        Assert.Equal(["a", "--json", "-u"], tokens.Positionals);
        Assert.False(tokens.Has(Json));
    }

    private static string Error(params string[] args) =>
        Assert.Throws<UsageException>(() => CommandLineTokenizer.Tokenize(args, Options)).Message;
}
