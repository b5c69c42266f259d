using Orchestrator.Core.Secrets;

namespace Orchestrator.Core.Transport;

/// <summary>
/// Input written to a running command once its stdout prints <see cref="Prompt"/> on a line of its own: <see cref="Answer"/>
/// gets the stdout up to that line and returns what to write (a secret: never logged). Standard input is closed after
/// it, or at once when the command exits without asking.
/// </summary>
public sealed record StdinReply(string Prompt, Func<string, CancellationToken, Task<Secret>> Answer);
