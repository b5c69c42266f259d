using Orchestrator.Compliance.Reports;
using Orchestrator.Testing;

namespace Orchestrator.Compliance.Tests.Reports;

/// <summary>How a report reaches the disk: private, atomic, and never through a planted symlink.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ReportFilesTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly TempDirectory _outside = new();

    public void Dispose()
    {
        _dir.Dispose();
        _outside.Dispose();
    }

    private static void WriteText(string path, string text) => ReportFiles.Write(path, s => s.Write(System.Text.Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void Write_NewReport_IsOwnerOnlyAndLeavesNoTempFile()
    {
        var path = _dir.Combine("reports/r.json");

        WriteText(path, "{}");

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal([path], Directory.GetFiles(_dir.Combine("reports")));
    }

    [Fact]
    public void Write_SymlinkPlantedAtTheTarget_IsReplacedNotWrittenThrough()
    {
        var victim = _outside.Write("victim", "keep");
        var path = _dir.Combine("r.json");
        File.CreateSymbolicLink(path, victim);

        WriteText(path, "report");

        Assert.Equal("keep", File.ReadAllText(victim));
        Assert.Null(new FileInfo(path).LinkTarget);
        Assert.Equal("report", File.ReadAllText(path));
    }

    [Fact]
    public void Write_SymlinkPlantedAtThePredictableTempName_IsNotFollowed()
    {
        // The name the writer used to take: .NAME.PID.tmp in the target's directory.
        var victim = _outside.Write("victim", "keep");
        var path = _dir.Combine("r.json");
        var predictable = _dir.Combine($".r.json.{Environment.ProcessId}.tmp");
        File.CreateSymbolicLink(predictable, victim);

        WriteText(path, "report");

        Assert.Equal("keep", File.ReadAllText(victim));
        Assert.Null(new FileInfo(path).LinkTarget);
        Assert.Equal("report", File.ReadAllText(path));
        Assert.Equal(victim, new FileInfo(predictable).LinkTarget);
    }

    [Fact]
    public void Write_FailingWriter_LeavesTheOldReportAndNoTempFile()
    {
        var path = _dir.Write("r.json", "old");

        Assert.Throws<InvalidOperationException>(() => ReportFiles.Write(path, _ => throw new InvalidOperationException("boom")));

        Assert.Equal("old", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(_dir.Path));
    }
}
