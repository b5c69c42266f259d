namespace Orchestrator.Testing.Simulator;

/// <summary>A network namespace named simt-*, with loopback up, deleted on dispose even when the test fails.</summary>
public sealed class TestNamespace : IAsyncDisposable
{
    private TestNamespace(string name) => Name = name;

    public string Name { get; }

    public static async Task<TestNamespace> CreateAsync()
    {
        TestRequirements.Root();
        TestRequirements.Program("ip");
        var name = $"simt-{Guid.NewGuid().ToString("N")[..10]}";
        var add = await ProcessRunner.RunAsync("ip", "netns", "add", name);
        Assert.True(add.ExitCode == 0, $"ip netns add {name} failed: {add.Stderr}");
        var ns = new TestNamespace(name);
        await ns.ExecAsync("ip", "link", "set", "lo", "up");
        return ns;
    }

    public Task<ProcessResult> ExecAsync(params string[] command) => ProcessRunner.RunAsync("ip", ["netns", "exec", Name, .. command], timeout: TimeSpan.FromSeconds(90));

    public async Task SysctlAsync(string key, string value)
    {
        var result = await ExecAsync("sysctl", "-w", $"{key}={value}");
        Assert.True(result.ExitCode == 0, $"sysctl {key}={value} failed in {Name}: {result.Stderr}");
    }

    public async ValueTask DisposeAsync() => await ProcessRunner.RunAsync("ip", "netns", "delete", Name);
}
