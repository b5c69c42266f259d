using System.Net.Sockets;
using System.Runtime.InteropServices;
using FreeSwitch.Config;
using FreeSwitch.Simulator.Hosting;

namespace FreeSwitch.Simulator;

internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        var commandLine = CommandLine.Parse(args, out var error);
        if (error is not null)
        {
            await Console.Error.WriteLineAsync(error);
            return 255;
        }

        if (commandLine.ShowHelp)
        {
            Console.WriteLine(CommandLine.Usage);
            return 0;
        }

        if (commandLine.ShowVersion)
        {
            Console.WriteLine($"FreeSWITCH version: {CoreState.Version} (-release 64bit)");
            return 0;
        }

        SimulatorHost host;
        try
        {
            host = SimulatorHost.Create(commandLine, TimeProvider.System);
        }
        catch (FreeSwitchConfigException e)
        {
            await Console.Error.WriteLineAsync($"Cannot Initialize [{e.Message}]");
            return 255;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"Cannot open the log or run directory: {e.Message}");
            return 255;
        }

        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var hangup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
        {
            context.Cancel = true;
            host.Core.Log.Reopen();
        });

        try
        {
            host.Start();
        }
        catch (SocketException e)
        {
            await Console.Error.WriteLineAsync($"Socket Error! Could not listen on {host.Config.EventSocket.ListenIp}:{host.Config.EventSocket.ListenPort}: {e.Message}");
            await host.DisposeAsync();
            return 3;
        }

        await host.ShutdownRequested;
        await host.DisposeAsync();
        return 0;

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            host.RequestShutdown();
        }
    }
}
