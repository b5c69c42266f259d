using Orchestrator.Testing.Simulator;

namespace FreeSwitch.Simulator.Tests.Esl;

public sealed class EventSocketTests
{
    private const string Disconnect = "Content-Type: text/disconnect-notice\nContent-Length: 67\n\nDisconnected, goodbye.\nSee you at ClueCon! http://www.cluecon.com/\n";

    [Fact]
    public async Task Handshake_RightPassword_AcceptsAndAnswersApiFramed()
    {
        await using var sim = await SimulatorProcess.StartAsync();
        using var esl = await EslConnection.OpenAsync(sim.Ip, 8021);

        Assert.Equal("Content-Type: auth/request\n\n", await esl.ReadAsync());
        await esl.SendAsync("auth ClueCon\n\n");
        Assert.Equal("Content-Type: command/reply\nReply-Text: +OK accepted\n\n", await esl.ReadAsync());
        await esl.SendAsync("api version\n\n");
        Assert.Equal("Content-Type: api/response\nContent-Length: 58\n\nFreeSWITCH Version 1.10.12-release~64bit (-release 64bit)\n", await esl.ReadAsync());
    }

    [Fact]
    public async Task Handshake_WrongPassword_ErrInvalidThenDisconnectNoticeAndClose()
    {
        await using var sim = await SimulatorProcess.StartAsync();
        using var esl = await EslConnection.OpenAsync(sim.Ip, 8021);

        await esl.ReadAsync();
        await esl.SendAsync("auth NotClueCon\r\n\r\n");

        Assert.Equal("Content-Type: command/reply\nReply-Text: -ERR invalid\n\n", await esl.ReadAsync());
        Assert.Equal(Disconnect, await esl.ReadAsync());
        Assert.Equal(string.Empty, await esl.ReadAsync());
    }

    [Fact]
    public async Task Commands_BeforeAuth_AreNotFound()
    {
        await using var sim = await SimulatorProcess.StartAsync();
        using var esl = await EslConnection.OpenAsync(sim.Ip, 8021);

        await esl.ReadAsync();
        await esl.SendAsync("api status\n\n");

        Assert.Equal("Content-Type: command/reply\nReply-Text: -ERR command not found\n\n", await esl.ReadAsync());
    }

    [Fact]
    public async Task Exit_AfterAuth_SaysByeThenDisconnects()
    {
        await using var sim = await SimulatorProcess.StartAsync();
        using var esl = await EslConnection.OpenAsync(sim.Ip, 8021);

        await esl.ReadAsync();
        await esl.SendAsync("auth ClueCon\n\n");
        await esl.ReadAsync();
        await esl.SendAsync("exit\n\n");

        Assert.Equal("Content-Type: command/reply\nReply-Text: +OK bye\n\n", await esl.ReadAsync());
        Assert.Equal(Disconnect, await esl.ReadAsync());
    }

    [Fact]
    public async Task Api_UnknownCommand_ErrCommandNotFound()
    {
        await using var sim = await SimulatorProcess.StartAsync();
        using var esl = await EslConnection.OpenAsync(sim.Ip, 8021);
        await esl.ReadAsync();
        await esl.SendAsync("auth ClueCon\n\n");
        await esl.ReadAsync();

        await esl.SendAsync("api frobnicate now\nconsole_execute: true\n\n");
        Assert.Equal(Framed("-ERR frobnicate now Command not found!\n"), await esl.ReadAsync());
        await esl.SendAsync("api frobnicate now\n\n");
        Assert.Equal(Framed("-ERR frobnicate Command not found!\n"), await esl.ReadAsync());
    }

    private static string Framed(string body) => $"Content-Type: api/response\nContent-Length: {body.Length}\n\n{body}";
}
