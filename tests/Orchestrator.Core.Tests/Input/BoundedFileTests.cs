using Orchestrator.Core.Errors;
using Orchestrator.Core.Input;

namespace Orchestrator.Core.Tests.Input;

public sealed class BoundedFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("bounded-file-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void ReadAllText_OneBytePastTheLimit_RefusedBeforeReading()
    {
        var path = Path.Combine(_dir, "big.yml");
        using (var file = File.Create(path))
        {
            file.SetLength(ReaderLimits.MaxFileBytes + 1);
        }

        var error = Assert.Throws<InputLimitException>(() => BoundedFile.ReadAllText(path, "a policy file"));
        Assert.Equal(path, error.Location!.Value.File);
        Assert.Contains("16 MiB", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadAllText_AtTheLimit_Reads()
    {
        var path = Path.Combine(_dir, "edge.yml");
        File.WriteAllText(path, new string('#', (int)ReaderLimits.MaxFileBytes));
        Assert.Equal(ReaderLimits.MaxFileBytes, BoundedFile.ReadAllText(path, "a file").Length);
    }

    [Fact]
    public async Task ReadAllBytes_Pipe_LongerThanTheFirstBuffer_ReadWhole()
    {
        // A pipe has no length, so the reader grows its buffer as it goes.
        var path = MakeFifo();
        var sent = Enumerable.Range(0, 100_000).Select(i => (byte)i).ToArray();
        var writer = Task.Run(() =>
        {
            using var pipe = OpenWriter(path);
            pipe.Write(sent);
        });
        Assert.Equal(sent, BoundedFile.ReadAllBytes(path, "a file"));
        await writer;
    }

    [Fact]
    public async Task ReadAllBytes_Pipe_PastTheLimit_Refused()
    {
        var path = MakeFifo();
        var writer = Task.Run(() =>
        {
            try
            {
                using var pipe = OpenWriter(path);
                pipe.Write(new byte[ReaderLimits.MaxFileBytes + 4096]);
            }
            catch (IOException)
            {
                // The reader stopped reading (broken pipe): the point of the limit.
            }
        });
        Assert.Throws<InputLimitException>(() => BoundedFile.ReadAllBytes(path, "a file"));
        await writer;
    }

    [Fact]
    public void ReadAllBytes_SmallFile_ExactBytes()
    {
        var path = Path.Combine(_dir, "small.yml");
        File.WriteAllBytes(path, [1, 2, 3]);
        Assert.Equal([1, 2, 3], BoundedFile.ReadAllBytes(path, "a file"));
        File.WriteAllBytes(path, []);
        Assert.Empty(BoundedFile.ReadAllBytes(path, "a file"));
    }

    // Shared, so .NET's advisory lock does not turn the reader away.
    private static FileStream OpenWriter(string path) => new(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);

    private string MakeFifo()
    {
        var path = Path.Combine(_dir, "fifo");
        using var mkfifo = System.Diagnostics.Process.Start("mkfifo", [path]);
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
        return path;
    }

    [Fact]
    public void ReadAllText_Directory_SaysDirectory()
    {
        var error = Assert.Throws<UserInputException>(() => BoundedFile.ReadAllText(_dir, "a playbook"));
        Assert.Equal($"{_dir}: found a directory; expected a playbook", error.Message);
    }

    [Fact]
    public void ReadAllText_Missing_SaysNoFile()
    {
        var path = Path.Combine(_dir, "nope.yml");
        var error = Assert.Throws<UserInputException>(() => BoundedFile.ReadAllText(path, "a playbook"));
        Assert.Equal($"{path}: found no file at this path; expected a playbook", error.Message);
    }

    [Fact]
    public void ReadAllText_InvalidUtf8_ErrorAtItsLine()
    {
        var path = Path.Combine(_dir, "bad.yml");
        File.WriteAllBytes(path, [(byte)'a', (byte)'\n', (byte)'b', 0xC3, 0x28, (byte)'\n']);
        var error = Assert.Throws<UserInputException>(() => BoundedFile.ReadAllText(path, "a file"));
        Assert.Equal(new SourceLocation(path, 2, 0), error.Location);
        Assert.Contains("not valid UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadAllText_Utf8ByteOrderMark_Dropped()
    {
        var path = Path.Combine(_dir, "bom.yml");
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, (byte)'x']);
        Assert.Equal("x", BoundedFile.ReadAllText(path, "a file"));
    }
}
