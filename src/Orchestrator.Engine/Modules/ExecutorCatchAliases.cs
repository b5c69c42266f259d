// The executor (Execution/, restructured on another branch) still names the two module failure types that
// ModuleException replaced. These aliases keep it compiling and make its catch clause catch every ModuleException.
// Delete this file when the executor's two clauses read `catch (ModuleException ex)`.
global using ModuleFailedException = Orchestrator.Engine.Modules.ModuleException;
global using RemoteProbeException = Orchestrator.Engine.Modules.ModuleException;
