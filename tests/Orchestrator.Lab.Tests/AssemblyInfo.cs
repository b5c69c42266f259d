// The lab is Linux-only (namespaces, mounts, sshd); so are its tests.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
