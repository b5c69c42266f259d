namespace Orchestrator.Transport.Ssh;

/// <summary>A key file that cannot be used, with a message fit for the user (never the passphrase).</summary>
internal sealed class KeyLoadException : Exception
{
    public KeyLoadException(string message)
        : base(message)
    {
    }
}
