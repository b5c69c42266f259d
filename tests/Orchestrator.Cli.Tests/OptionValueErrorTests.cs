namespace Orchestrator.Cli.Tests;

public sealed class OptionValueErrorTests
{
    [Theory]
    [InlineData("Failed to convert '99999999999' to Int32.", new[] { "run", "pb.yml", "--timeout", "99999999999" }, "--timeout: '99999999999' is not a whole number from -2147483648 to 2147483647")]
    [InlineData("Failed to convert 'abc' to Nullable`1.", new[] { "exec", "--task-timeout=abc" }, "--task-timeout: 'abc' is not a whole number from -2147483648 to 2147483647")]
    [InlineData("Failed to convert 'x' to Boolean.", new[] { "x" }, "an option: 'x' is not true or false")]
    public void Reword_ConversionFailure_NamesTheOptionAndWhatItTakes(string message, string[] args, string expected) =>
        Assert.Equal(expected, OptionValueError.Reword(message, args));

    [Fact]
    public void Reword_OtherMessages_AreLeftAlone() =>
        Assert.Null(OptionValueError.Reword("Unknown option 'x'.", ["--x"]));
}
