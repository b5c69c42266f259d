using Orchestrator.Testing.Fakes;

namespace Orchestrator.Engine.Tests.Templating.Lookups;

public sealed class LookupPluginsTests
{
    [Fact]
    public async Task MissingFile_ErrorNamesLookupTermAndPathsTried()
    {
        using var h = new EngineHarness("h1");
        var run = await h.RunAsync("- hosts: all\n  tasks:\n    - name: t\n      debug: {msg: \"{{ lookup('file', 'nope.txt') }}\"}\n");
        var message = run.Result1("t", "h1").Message ?? string.Empty;
        Assert.Contains("lookup 'file': could not find 'nope.txt'", message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(h.Directory, "files", "nope.txt"), message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ErrorsWarn_WarnsAndGivesNothing()
    {
        using var h = new EngineHarness("h1");
        var run = await h.RunAsync("- hosts: all\n  tasks:\n    - name: t\n      debug: {msg: \"{{ query('file', 'nope.txt', errors='warn') | length }}\"}\n");
        Assert.Equal("0", run.Result1("t", "h1").Message);
        Assert.Contains(run.Warnings, w => w.Contains("Lookup failed but the error is being ignored", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("lookup('file', 'a', colour='red')", "lookup 'file' has no option 'colour'")]
    [InlineData("lookup('nosuch', 'a')", "lookup plugin 'nosuch' not found")]
    [InlineData("lookup('list', 'a', errors='loud')", "errors must be strict, warn or ignore")]
    [InlineData("lookup('sequence', 'start=5 end=1')", "to count backwards make stride negative")]
    [InlineData("lookup('sequence', 'start=1 end=3 format=%d%d')", "bad formatting string")]
    [InlineData("lookup('pipe', 'exit 3')", "'exit 3' returned 3")]
    public async Task BadCall_FailsTheTaskWithAClearMessage(string expression, string message)
    {
        using var h = new EngineHarness("h1");
        var run = await h.RunAsync($"- hosts: all\n  tasks:\n    - name: t\n      debug: {{msg: \"{{{{ {expression} }}}}\"}}\n");
        Assert.Contains(message, run.Result1("t", "h1").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void KeywordArgument_ToAnotherFunction_IsASyntaxError()
    {
        using var h = new EngineHarness("h1");
        var options = h.Options("- hosts: all\n  tasks:\n    - debug: {msg: \"{{ [1] | join(sep=',') }}\"}\n");
        var ex = Assert.Throws<Orchestrator.Core.Errors.UserInputException>(() => PlaybookRunner.SyntaxCheck(options));
        Assert.Contains("keyword arguments ('sep=') are not supported", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithFileglob_FindsFilesUnderFilesSorted()
    {
        using var h = new EngineHarness("h1");
        h.Write("files/conf/b.xml", "b");
        h.Write("files/conf/a.xml", "a");
        h.Write("files/conf/c.txt", "c");
        var run = await h.RunAsync("- hosts: all\n  tasks:\n    - name: t\n      debug: {msg: \"{{ item | basename }}\"}\n      with_fileglob: conf/*.xml\n");
        Assert.Equal(["a.xml", "b.xml"], run.Output.Results.Where(r => r.Task == "t" && r.Item is not null).Select(r => r.Message));
    }
}
