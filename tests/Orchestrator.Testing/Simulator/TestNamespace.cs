namespace FreeSwitch.Simulator.Tests.Support;

/// <summary>A network namespace named simt-*, with loopback up, deleted on dispose even when the test fails.</summary>
internal sealed class TestNamespace : IAsyncDisposable
{
    private TestNamespace(string name) => Name = name;

    public string Name { get; }

    public static async Task<TestNamespace> CreateAsync()
    {
        Shell.RequireRoot();
        Shell.Require("ip");
        var name = $"simt-{Guid.NewGuid().ToString("N")[..10]}";
        var add = await Shell.RunAsync("ip", "netns", "add", name);
        Assert.True(add.ExitCode == 0, $"ip netns add {name} failed: {add.StdErr}");
        var ns = new TestNamespace(name);
        await ns.ExecAsync("ip", "link", "set", "lo", "up");
        return ns;
    }

    public Task<Shell.Result> ExecAsync(params string[] command) => Shell.RunAsync("ip", ["netns", "exec", Name, .. command], TimeSpan.FromSeconds(90));

    public async Task SysctlAsync(string key, string value)
    {
        var result = await ExecAsync("sysctl", "-w", $"{key}={value}");
        Assert.True(result.ExitCode == 0, $"sysctl {key}={value} failed in {Name}: {result.StdErr}");
    }

    public async ValueTask DisposeAsync() => await Shell.RunAsync("ip", "netns", "delete", Name);
}
