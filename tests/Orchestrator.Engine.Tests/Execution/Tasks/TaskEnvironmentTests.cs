using Orchestrator.Core.Errors;
using Orchestrator.Testing.Fakes;

namespace Orchestrator.Engine.Tests.Execution.Tasks;

public sealed class TaskEnvironmentTests
{
    [Fact]
    public async Task Environment_ValuesTravelAsPositionalParameters_InnerOverOuter()
    {
        using var h = new EngineHarness("h1");
        h["h1"].Script("printenv", stdout: "ok");
        var run = await h.RunAsync("""
            - hosts: all
              environment: {A: play, B: play}
              vars: {evil: "$(touch /tmp/pwned) 'q' `x`"}
              tasks:
                - block:
                    - command: printenv A
                      environment: {A: "{{ evil }}", C: task}
                  environment: {B: block}
            """);
        Assert.Equal(0, run.Result.ExitCode);
        var sent = h["h1"].Received.Single(c => c.Arguments.Contains("printenv"));
        Assert.StartsWith("export A=\"${1}\"\nexport B=\"${2}\"\nexport C=\"${3}\"\nshift 3\n", sent.CommandText, StringComparison.Ordinal);
        Assert.Equal(["$(touch /tmp/pwned) 'q' `x`", "block", "task"], sent.Arguments.Take(3));
        Assert.DoesNotContain("pwned", sent.CommandText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Environment_SecretLookingName_IsRedacted()
    {
        using var h = new EngineHarness("h1");
        h["h1"].Script("printenv", stdout: "s3cr3t-value");
        var run = await h.RunAsync("""
            - hosts: all
              tasks:
                - command: printenv DB_PASSWORD
                  environment: {DB_PASSWORD: s3cr3t-value}
                  register: r
                - debug: {msg: "{{ r.stdout }}"}
            """);
        Assert.Equal(0, run.Result.ExitCode);
        Assert.DoesNotContain(run.Output.Results, r => (r.Message ?? string.Empty).Contains("s3cr3t-value", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("environment: {1BAD: x}", "4:21", "'1BAD' is not a valid environment variable name")]
    [InlineData("environment: 5", "4:20", "'environment' must be a mapping")]
    [InlineData("throttle: lots", "4:17", "'throttle' must be a whole number")]
    [InlineData("with_frobnicate: [1]", "4:7", "'with_frobnicate' is neither a task keyword nor a known module")]
    [InlineData("loop: [1]\n      with_items: [2]", "5:7", "use one loop keyword per task")]
    public void Load_BadKeyword_ErrorHasFileLineColumn(string keyword, string lineColumn, string message)
    {
        using var h = new EngineHarness("h1");
        var options = h.Options($"- hosts: all\n  tasks:\n    - command: ls\n      {keyword}\n");
        var ex = Assert.Throws<UserInputException>(() => PlaybookRunner.SyntaxCheck(options));
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
        Assert.StartsWith($"{options.PlaybookPath}:{lineColumn}: ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Environment_ExpressionGivingANonMapping_FailsTheTask()
    {
        using var h = new EngineHarness("h1");
        var run = await h.RunAsync("- hosts: all\n  tasks:\n    - name: t\n      command: ls\n      environment: \"{{ [1] }}\"\n");
        Assert.Contains("'environment' must give a mapping", run.Result1("t", "h1").Message, StringComparison.Ordinal);
    }
}
