// The commands' lab tests drive real sshd processes in network namespaces (Linux, root).
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
