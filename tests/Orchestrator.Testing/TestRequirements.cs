namespace Orchestrator.Testing;

/// <summary>What a test needs from the machine; without it the test fails with a message saying how to get it, never skips.</summary>
public static class TestRequirements
{
    /// <summary>The one message every test that needs root gives when it does not have it.</summary>
    public const string RootMessage =
        "this test needs root (network and mount namespaces, a per-host sshd, sysctls): run it as root, as CI does; "
        + "without root run the fast tests alone (TEST_FILTER='Category!=Lab' scripts/test.sh, or dotnet test --filter \"Category!=Lab\")";

    public static void Root()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            Assert.Fail(RootMessage);
        }
    }

    /// <summary>A program on PATH (or at a path) the test runs, such as sipp or sngrep.</summary>
    public static void Program(string program)
    {
        if (!File.Exists(program) && ProcessRunner.Which(program) is null)
        {
            Assert.Fail($"{program} is required by this test and is not installed (scripts/install-deps.sh installs it).");
        }
    }
}
