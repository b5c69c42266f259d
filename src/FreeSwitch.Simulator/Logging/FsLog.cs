using System.Globalization;
using System.Text;

namespace FreeSwitch.Simulator.Logging;

/// <summary>
/// <c>LOG/freeswitch.log</c> in FreeSWITCH 1.10.12's line format (switch_log.c plus mod_logfile with vanilla's
/// <c>uuid=true</c>): <c>[uuid ]YYYY-MM-DD HH:MM:SS.ffffff NN.NN% [LEVEL] file.c:line message</c>, where NN.NN is the
/// machine's idle CPU and the uuid prefix is present on lines that belong to a call.
/// </summary>
internal sealed class FsLog : IDisposable
{
    private readonly object _lock = new();
    private readonly TimeProvider _time;
    private readonly string _path;
    private readonly IdleCpu _idle;
    private StreamWriter? _writer;

    public FsLog(string path, TimeProvider time)
    {
        _path = path;
        _time = time;
        _idle = new IdleCpu(time);
        Open();
    }

    public string Path => _path;

    public void Log(FsLogLevel level, string file, int line, string message, string? uuid = null)
    {
        var now = _time.GetLocalNow();
        var text = new StringBuilder(message.Length + 96);
        if (uuid is not null)
        {
            text.Append(uuid).Append(' ');
        }

        text.Append(now.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture))
            .Append(' ')
            .Append(_idle.Percent().ToString("0.00", CultureInfo.InvariantCulture))
            .Append("% [")
            .Append(FsLogLevelNames.Name(level))
            .Append("] ")
            .Append(file).Append(':').Append(line.ToString(CultureInfo.InvariantCulture))
            .Append(' ')
            .Append(message);
        if (message.Length == 0 || message[^1] != '\n')
        {
            text.Append('\n');
        }

        Write(text.ToString());
    }

    /// <summary>A line with no prefix (SWITCH_CHANNEL_LOG_CLEAN), as sofia's SIP trace is written.</summary>
    public void Clean(string text) => Write(text.EndsWith('\n') ? text : text + "\n");

    /// <summary>Reopens the file (SIGHUP: rotate-on-hup).</summary>
    public void Reopen()
    {
        lock (_lock)
        {
            _writer?.Dispose();
            Open();
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _writer?.Dispose();
            _writer = null;
        }
    }

    private void Open()
    {
        var stream = new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, 4096);
        _writer = new StreamWriter(stream, new UTF8Encoding(false)) { AutoFlush = true };
    }

    private void Write(string text)
    {
        lock (_lock)
        {
            _writer?.Write(text);
        }
    }

    /// <summary>The idle CPU percentage FreeSWITCH prints on each line, from /proc/stat, sampled at most once a second.</summary>
    private sealed class IdleCpu(TimeProvider time)
    {
        private long _lastIdle;
        private long _lastTotal;
        private long _lastSample = long.MinValue;
        private double _percent = 100;

        public double Percent()
        {
            var now = time.GetTimestamp();
            if (_lastSample != long.MinValue && time.GetElapsedTime(_lastSample, now) < TimeSpan.FromSeconds(1))
            {
                return _percent;
            }

            _lastSample = now;
            try
            {
                using var reader = new StreamReader("/proc/stat");
                var fields = reader.ReadLine()?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields is { Length: > 5 })
                {
                    long total = 0;
                    for (var i = 1; i < fields.Length; i++)
                    {
                        total += long.Parse(fields[i], CultureInfo.InvariantCulture);
                    }

                    var idle = long.Parse(fields[4], CultureInfo.InvariantCulture) + long.Parse(fields[5], CultureInfo.InvariantCulture);
                    var dTotal = total - _lastTotal;
                    if (_lastTotal != 0 && dTotal > 0)
                    {
                        _percent = Math.Clamp(100.0 * (idle - _lastIdle) / dTotal, 0, 100);
                    }
                    else if (total > 0)
                    {
                        _percent = 100.0 * idle / total;
                    }

                    _lastIdle = idle;
                    _lastTotal = total;
                }
            }
            catch (IOException)
            {
                // Not Linux: keep the last value.
            }

            return _percent;
        }
    }
}
