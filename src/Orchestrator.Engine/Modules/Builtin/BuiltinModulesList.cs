namespace Orchestrator.Engine.Modules.Builtin;

/// <summary>Every built-in module, in the order <see cref="ModuleRegistry.CreateDefault"/> registers them.</summary>
internal static class BuiltinModulesList
{
    public static IEnumerable<Module> All() =>
    [
        new CommandModule(), new ShellModule(), new TemplateModule(), new CopyModule(), new FileModule(),
        new LineInFileModule(), new XmlModule(), new ServiceModule(), new WaitForModule(), new SysctlModule(),
        new SetFactModule(), new IncludeVarsModule(), new AssertModule(), new DebugModule(), new FailModule(), new MetaModule(),
        new AsyncStatusModule(),
    ];
}
