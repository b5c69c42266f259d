namespace Orchestrator.Core.Secrets;

/// <summary>
/// A secret value (password, passphrase, ESL password). It renders as <see cref="Redacted"/>
/// everywhere it could be printed: ToString, string interpolation, JSON through the project's writers.
/// Only code that must hand the value to a peer calls <see cref="Reveal"/>.
/// </summary>
public sealed class Secret : IEquatable<Secret>
{
    public const string Redacted = "[REDACTED]";

    private readonly string _value;

    public Secret(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _value = value;
    }

    /// <summary>The plain value. Never log it, never put it in argv.</summary>
    public string Reveal() => _value;

    public override string ToString() => Redacted;

    public bool Equals(Secret? other) => other is not null && string.Equals(_value, other._value, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is Secret s && Equals(s);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(_value);
}
