using System.Text;
using Orchestrator.Transport.Ssh;

namespace Orchestrator.Transport.Tests.Ssh;

public sealed class PidLineStreamTests
{
    [Theory]
    [InlineData("", "rest of stderr\n")]
    [InlineData("welcome from .bashrc\n", "rest\n")]
    [InlineData("", "")]
    public async Task Read_PidLine_IsRemovedAndParsed(string before, string after)
    {
        var stream = new PidLineStream(new TrickleStream(Encoding.ASCII.GetBytes(before + PidLineStream.Prefix + "4242\n" + after), 3));

        var text = await new StreamReader(stream).ReadToEndAsync();

        Assert.Equal(4242, stream.ProcessGroupId);
        Assert.Equal(before + after, text);
    }

    [Fact]
    public async Task Read_NoPidLine_PassesEverythingThrough()
    {
        var stream = new PidLineStream(new MemoryStream(Encoding.ASCII.GetBytes("12345\nplain stderr\n")));

        Assert.Equal("12345\nplain stderr\n", await new StreamReader(stream).ReadToEndAsync());
        Assert.Null(stream.ProcessGroupId);
    }

    /// <summary>Returns at most N bytes per read, as a network stream may.</summary>
    private sealed class TrickleStream(byte[] data, int step) : MemoryStream(data)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(step, buffer.Length)], cancellationToken);
    }
}
