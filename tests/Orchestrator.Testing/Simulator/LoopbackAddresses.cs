namespace Orchestrator.Testing.Simulator;

/// <summary>A 127.x.y.1 address of its own per simulator, so parallel tests never share an IP:port.</summary>
public static class LoopbackAddresses
{
    private static int _next = Random.Shared.Next(0, 200 * 250);

    public static string Next()
    {
        var n = Interlocked.Increment(ref _next);
        return $"127.{77 + (n / 250 % 100)}.{n % 250}.1";
    }
}
