using Orchestrator.Core.Errors;
using Orchestrator.Testing.Fakes;

namespace Orchestrator.Engine.Tests.Loading;

public sealed class AsyncKeywordsTests
{
    [Theory]
    [InlineData("copy: {src: a, dest: b}\n      async: 10", "4:7", "'async' is implemented for command and shell, not for 'copy'")]
    [InlineData("command: ls\n      async: soon", "4:14", "'async' must be a whole number of seconds")]
    [InlineData("command: ls\n      async: 30\n      poll: \"{{ every }}\"", "5:13", "'poll' is read when the playbook loads, so it cannot use variables")]
    public void Load_AsyncMisused_ErrorHasFileLineColumn(string task, string lineColumn, string message)
    {
        using var h = new EngineHarness("h1");
        var options = h.Options($"- hosts: all\n  tasks:\n    - {task}\n");
        var ex = Assert.Throws<UserInputException>(() => PlaybookRunner.SyntaxCheck(options));
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
        Assert.StartsWith($"{options.PlaybookPath}:{lineColumn}: ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_AsyncAndPollAsNumericStrings_AreNumbersAsAnsibleTakesThem()
    {
        using var h = new EngineHarness("h1");
        var options = h.Options("- hosts: all\n  tasks:\n    - command: ls\n      async: \"30\"\n      poll: '0'\n      throttle: \"2\"\n");

        PlaybookRunner.SyntaxCheck(options);
    }
}
