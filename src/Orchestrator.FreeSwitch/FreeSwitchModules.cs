using Orchestrator.Engine.Modules;
using Orchestrator.FreeSwitch.Modules;

namespace Orchestrator.FreeSwitch;

/// <summary>The FreeSWITCH modules and fact provider. The composition root calls <see cref="Register"/> once.</summary>
public static class FreeSwitchModules
{
    /// <summary>
    /// Adds <c>freeswitch_facts</c>, <c>capture_ports</c>, <c>capture_toggle</c>, <c>fs_cli</c>, <c>freeswitch_restart</c>,
    /// <c>freeswitch_validate</c>, <c>freeswitch_template_check</c> and the <c>freeswitch</c> fact provider (gather_facts → <c>ansible_facts.freeswitch</c>).
    /// </summary>
    public static ModuleRegistry Register(ModuleRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry
            .Register(new FreeSwitchFactsModule())
            .Register(new CapturePortsModule())
            .Register(new CaptureToggleModule())
            .Register(new FsCliModule())
            .Register(new FreeSwitchRestartModule())
            .Register(new FreeSwitchValidateModule())
            .Register(new TemplateXmlCheckModule())
            .RegisterFactProvider(new FreeSwitchFactProvider());
        return registry;
    }

    /// <summary>The default registry plus the FreeSWITCH modules.</summary>
    public static ModuleRegistry CreateRegistry() => Register(ModuleRegistry.CreateDefault());
}
