namespace Orchestrator.FreeSwitch.Tests.Lab;

/// <summary>The FreeSWITCH lab tests run one after the other: each class brings up its own lab (names start with "fs").</summary>
[CollectionDefinition(Name)]
public sealed class FsLabCollection
{
    public const string Name = "fs-lab";
}
