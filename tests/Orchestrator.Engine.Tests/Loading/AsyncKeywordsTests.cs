using Orchestrator.Core.Errors;
using Orchestrator.Testing.Fakes;

namespace Orchestrator.Engine.Tests.Loading;

public sealed class AsyncKeywordsTests
{
    [Theory]
    [InlineData("copy: {src: a, dest: b}\n      async: 10", "4:7", "'async' is implemented for command and shell, not for 'copy'")]
    [InlineData("command: ls\n      async: soon", "4:14", "'async' must be a whole number of seconds")]
    public void Load_AsyncMisused_ErrorHasFileLineColumn(string task, string lineColumn, string message)
    {
        using var h = new EngineHarness("h1");
        var options = h.Options($"- hosts: all\n  tasks:\n    - {task}\n");
        var ex = Assert.Throws<UserInputException>(() => PlaybookRunner.SyntaxCheck(options));
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
        Assert.StartsWith($"{options.PlaybookPath}:{lineColumn}: ", ex.Message, StringComparison.Ordinal);
    }
}
