using Microsoft.Extensions.Logging;
using Orchestrator.Core.Secrets;

namespace Orchestrator.Cli.Commands;

/// <summary>Transport log lines on stderr (Ansible's <c>[WARNING]: ...</c> style), always through the redactor.</summary>
internal sealed class StderrLoggerFactory : ILoggerFactory
{
    private readonly TextWriter _err;
    private readonly SecretRedactor _redactor;
    private readonly LogLevel _minimum;
    private readonly Lock _gate = new();

    public StderrLoggerFactory(TextWriter err, SecretRedactor redactor, bool verbose)
    {
        _err = err;
        _redactor = redactor;
        _minimum = verbose ? LogLevel.Information : LogLevel.Warning;
    }

    public void Warn(string message) => Write(LogLevel.Warning, message);

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException();

    public void Dispose()
    {
    }

    private void Write(LogLevel level, string message)
    {
        if (level < _minimum)
        {
            return;
        }

        var label = level switch
        {
            >= LogLevel.Error => "ERROR",
            LogLevel.Warning => "WARNING",
            _ => "INFO",
        };
        lock (_gate)
        {
            _err.WriteLine($"[{label}]: {_redactor.Redact(message)}");
            _err.Flush();
        }
    }

    private sealed class Logger : ILogger
    {
        private readonly StderrLoggerFactory _owner;

        public Logger(StderrLoggerFactory owner) => _owner = owner;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= _owner._minimum;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            _owner.Write(logLevel, formatter(state, exception));
    }
}
