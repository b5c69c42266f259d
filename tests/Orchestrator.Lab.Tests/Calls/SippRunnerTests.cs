using Orchestrator.Lab.Calls;
using Orchestrator.Lab.Linux;

namespace Orchestrator.Lab.Tests.Calls;

public sealed class SippRunnerTests
{
    [Fact]
    public void ReadStatistics_SippTraceStatFile_TakesTheLastRowsCumulativeCounts()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, """
                StartTime;LastResetTime;CurrentTime;ElapsedTime(P);ElapsedTime(C);TargetRate;CallRate(P);CallRate(C);IncomingCall(P);IncomingCall(C);OutgoingCall(P);OutgoingCall(C);TotalCallCreated;CurrentCall;SuccessfulCall(P);SuccessfulCall(C);FailedCall(P);FailedCall(C);
                a;b;c;d;e;f;g;h;i;j;k;l;m;n;10;10;0;0;
                a;b;c;d;e;f;g;h;i;j;k;l;m;n;7;195;1;5;

                """);
            Assert.Equal((195, 5), SippRunner.ReadStatistics(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ReadStatistics_NoFile_LabException() =>
        Assert.Throws<LabException>(() => SippRunner.ReadStatistics("/nonexistent/stats.csv"));

    [Fact]
    public void ReadNewLogLines_FromOffset_CountsOnlyNewBindAndCodecErrors()
    {
        var path = Path.GetTempFileName();
        try
        {
            const string old = "u1 2026-01-01 12:00:00.000001 99.00% [ERR] switch_core_media.c:9648 AUDIO RTP REPORTS ERROR: [Bind Error! 10.0.0.5:20000]\n";
            File.WriteAllText(path, old);
            File.AppendAllText(path,
                "u2 2026-01-01 12:00:01.000001 99.00% [ERR] switch_core_media.c:9648 AUDIO RTP REPORTS ERROR: [Bind Error! 10.0.0.5:20020]\n" +
                "u2 2026-01-01 12:00:01.000002 99.00% [WARNING] mod_sofia.c:2588 CODEC NEGOTIATION ERROR.  SDP:\n" +
                "v=0\n" +
                "u3 2026-01-01 12:00:02.000001 99.00% [INFO] switch_channel.c:1 New Channel\n");
            var (bind, codec) = SippRunner.ReadNewLogLines(path, old.Length);
            Assert.Equal(["10.0.0.5:20020"], bind);
            Assert.Equal(1, codec);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
