using System.Text;

namespace Orchestrator.Transport.Shell;

/// <summary>Collects stdout and completes <see cref="Prompted"/> with the bytes before the first line equal to the prompt.</summary>
internal sealed class PromptWatchingStream(string prompt) : MemoryStream
{
    private readonly byte[] _line = Encoding.UTF8.GetBytes("\n" + prompt + "\n");
    private readonly TaskCompletionSource<byte[]> _prompted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _searchFrom;

    public Task<byte[]> Prompted => _prompted.Task;

    // MemoryStream routes every other Write and WriteAsync overload of a derived class through this one.
    public override void Write(byte[] buffer, int offset, int count)
    {
        base.Write(buffer, offset, count);
        if (_prompted.Task.IsCompleted)
        {
            return;
        }

        // The prompt line may straddle two writes: search again from just before the old end.
        var data = GetBuffer().AsSpan(0, (int)Length);
        var at = data[_searchFrom..].IndexOf(_line);
        if (at >= 0)
        {
            _prompted.TrySetResult(data[..(_searchFrom + at)].ToArray());
        }
        else
        {
            _searchFrom = Math.Max(0, data.Length - _line.Length + 1);
        }
    }
}
