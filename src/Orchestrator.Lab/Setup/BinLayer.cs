using Orchestrator.Lab.Linux;

namespace Orchestrator.Lab.Setup;

/// <summary>
/// <c>common/bin</c>, mounted in front of /usr/local/bin and /usr/local/sbin in every host: the lab's
/// programs (copied, so a rebuild never changes a running lab), <c>freeswitch</c> and <c>fs_cli</c> links to
/// them, and the <c>systemctl</c> and <c>sysctl</c> shims.
/// </summary>
internal static class BinLayer
{
    public const string ProgramsSubdirectory = "orchestrator-lab";

    public static string ProgramsIn(LabLayout layout) => Path.Combine(layout.CommonBin, ProgramsSubdirectory);

    public static void Write(LabLayout layout, string programsDirectory)
    {
        var bin = layout.CommonBin;
        var programs = ProgramsIn(layout);
        Directory.CreateDirectory(programs);
        foreach (var file in Directory.EnumerateFiles(programsDirectory))
        {
            // File.Copy keeps the mode, so the apphosts stay executable.
            File.Copy(file, Path.Combine(programs, Path.GetFileName(file)), overwrite: true);
        }

        foreach (var program in new[] { LabPrograms.FreeSwitch, LabPrograms.FsCli })
        {
            // Run through a link named like the program, the process name stays `freeswitch`; the apphost finds its dll
            // next to the link's target.
            File.CreateSymbolicLink(Path.Combine(bin, program), $"{ProgramsSubdirectory}/{program}");
        }

        var assembly = typeof(BinLayer).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("bin/", StringComparison.Ordinal)))
        {
            var target = Path.Combine(bin, name["bin/".Length..]);
            using (var source = assembly.GetManifestResourceStream(name)!)
            using (var file = File.Create(target))
            {
                source.CopyTo(file);
            }

            NativeMethods.ChmodOrThrow(target, "0755");
        }
    }
}
