using System.Net;
using System.Runtime.InteropServices;
using Orchestrator.Lab.Hep;

// orchestrator-hep-listener --listen IP:PORT --state FILE [--forward IP:PORT]
string? listen = null, forward = null, state = null;
for (var i = 0; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--listen":
            listen = args[i + 1];
            break;
        case "--forward":
            forward = args[i + 1];
            break;
        case "--state":
            state = args[i + 1];
            break;
        default:
            await Console.Error.WriteLineAsync($"unknown option {args[i]}");
            return 2;
    }
}

if (listen is null || state is null || !IPEndPoint.TryParse(listen, out var listenEndpoint)
    || (forward is not null && !IPEndPoint.TryParse(forward, out _)))
{
    await Console.Error.WriteLineAsync("usage: orchestrator-hep-listener --listen IP:PORT --state FILE [--forward IP:PORT]");
    return 2;
}

using var stop = new CancellationTokenSource();
using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c =>
{
    c.Cancel = true;
    stop.Cancel();
});
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c =>
{
    c.Cancel = true;
    stop.Cancel();
});
var listener = new HepListener(listenEndpoint, forward is null ? null : IPEndPoint.Parse(forward), state, TimeProvider.System);
Console.WriteLine($"orchestrator-hep-listener: listening on udp {listenEndpoint}" + (forward is null ? "" : $", relaying to {forward}"));
await listener.RunAsync(stop.Token);
return 0;
