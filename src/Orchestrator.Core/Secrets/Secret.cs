namespace Orchestrator.Core.Secrets;

/// <summary>
/// A secret value (password, passphrase, ESL password). It renders as <see cref="Redacted"/>
/// everywhere it could be printed: ToString, string interpolation, JSON through the project's writers.
/// Only code that must hand the value to a peer calls <see cref="Reveal"/>.
/// </summary>
public sealed class Secret : IEquatable<Secret>
{
    public const string Redacted = "[REDACTED]";

    private readonly Lazy<string> _value;
    private readonly Lock _gate = new();
    private List<Action<string>>? _onReveal;

    public Secret(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _value = new Lazy<string>(value);
    }

    /// <summary>A secret computed on first use (an inline vault value decrypts only when a task needs it).</summary>
    public Secret(Func<string> reveal)
    {
        ArgumentNullException.ThrowIfNull(reveal);
        _value = new Lazy<string>(reveal, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>False for a lazy secret not computed yet.</summary>
    public bool IsRevealed => _value.IsValueCreated;

    /// <summary>The plain value. Never log it, never put it in argv.</summary>
    public string Reveal()
    {
        var value = _value.Value;
        List<Action<string>>? pending;
        lock (_gate)
        {
            pending = _onReveal;
            _onReveal = null;
        }

        pending?.ForEach(action => action(value));
        return value;
    }

    /// <summary>Runs <paramref name="action"/> with the value now if it is known, else when it is first revealed.</summary>
    public void WhenRevealed(Action<string> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        lock (_gate)
        {
            if (!IsRevealed)
            {
                (_onReveal ??= []).Add(action);
                return;
            }
        }

        action(_value.Value);
    }

    public override string ToString() => Redacted;

    public bool Equals(Secret? other) => other is not null && string.Equals(Reveal(), other.Reveal(), StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is Secret s && Equals(s);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Reveal());
}
