using Orchestrator.Core.Secrets;

namespace Orchestrator.Cli.Output;

/// <summary>
/// The redactor of one CLI invocation. <see cref="CliApplication"/> sets it before the command runs, the command's
/// transport adds the hosts' secrets to it, and the error handler redacts the message it prints with it: an
/// exception that carries a secret (a rendered template, a command line) shows <c>[REDACTED]</c> instead.
/// </summary>
internal static class CliSecrets
{
    private static readonly AsyncLocal<SecretRedactor?> CurrentRedactor = new();

    /// <summary>The invocation's redactor; a fresh one outside an invocation (a command service built by a test).</summary>
    public static SecretRedactor Current => CurrentRedactor.Value ?? new SecretRedactor();

    /// <summary>Starts an invocation: the redactor its commands and its error handler share (flows into the command, not out).</summary>
    public static SecretRedactor Begin() => CurrentRedactor.Value = new SecretRedactor();
}
