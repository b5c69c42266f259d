using Orchestrator.Engine.Modules;
using Orchestrator.FreeSwitch.Facts;

namespace Orchestrator.FreeSwitch.Modules;

/// <summary>The same facts for <c>gather_facts</c>, under <c>ansible_facts.freeswitch</c>. Set <c>freeswitch_gather_facts: false</c> on hosts to skip.</summary>
internal sealed class FreeSwitchFactProvider : IFactProvider
{
    public string Name => "freeswitch";

    public async Task<IReadOnlyDictionary<string, object?>> GatherAsync(FactContext context, CancellationToken cancellationToken)
    {
        if (context.HostVariables.TryGetValue("freeswitch_gather_facts", out var gather) && gather is false or "false" or "no")
        {
            return new Dictionary<string, object?>();
        }

        var options = new FreeSwitchFactsOptions();
        object? Variable(string name) => context.Variable is { } variable ? variable(name) : context.HostVariables.GetValueOrDefault(name);
        if (Variable("freeswitch_conf_dir") is string { Length: > 0 } conf && !conf.Contains("{{", StringComparison.Ordinal))
        {
            options.ConfDir = conf;
        }

        // A value from an encrypted vars file is a plain string (registered with the redactor as it was decrypted); an
        // inline !vault value is a Secret; "{{ vault_esl_password }}" is rendered to either. Each wins over
        // event_socket.conf, as for the modules.
        options.EslPassword = Variable("freeswitch_esl_password") switch
        {
            Core.Secrets.Secret secret => secret,
            string { Length: > 0 } plain when !plain.Contains("{{", StringComparison.Ordinal) => new Core.Secrets.Secret(plain),
            _ => null,
        };

        try
        {
            var facts = await new FreeSwitchFactsCollector(options)
                .CollectAsync(new ConnectionShell(context.Connection, context.Become), cancellationToken);
            return new Dictionary<string, object?>(StringComparer.Ordinal) { [FreeSwitchFactsModule.FactName] = facts.ToPlain() };
        }
        catch (FactsException ex)
        {
            return new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                [FreeSwitchFactsModule.FactName] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["error"] = ex.Message },
            };
        }
    }
}
