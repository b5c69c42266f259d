namespace Orchestrator.Core.Errors;

/// <summary>
/// What is wrong with a path the user gave where a file is expected. <see cref="File.Exists"/> is false for a
/// directory, so without this a directory is reported as missing, which sends the user looking in the wrong place.
/// </summary>
public static class InputPath
{
    public const string IsADirectory = "is a directory, expected a file";

    /// <returns>Null for an existing file; else "is a directory, expected a file" or "does not exist".</returns>
    public static string? FileProblem(string path) =>
        Directory.Exists(path) ? IsADirectory
        : File.Exists(path) ? null
        : "does not exist";

    /// <summary>An output path (a report, a database) must not be a directory; a missing file is fine.</summary>
    /// <exception cref="UserInputException">It is a directory.</exception>
    public static void RejectDirectory(string option, string path)
    {
        if (Directory.Exists(path))
        {
            throw new UserInputException($"{option} '{path}' {IsADirectory}");
        }
    }
}
