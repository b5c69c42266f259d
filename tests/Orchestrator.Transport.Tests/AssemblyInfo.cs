// The transport's integration tests drive real sshd processes in lab namespaces (Linux, root); tests that
// time retries and timeouts must not compete with each other for the two cores, so classes run one at a time.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
[assembly: CollectionBehavior(DisableTestParallelization = true)]
