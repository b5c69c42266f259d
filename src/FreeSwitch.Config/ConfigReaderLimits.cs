namespace FreeSwitch.Config;

/// <summary>
/// What one configuration load may read, so a hostile or broken tree (an include of itself, a variable that
/// doubles itself, elements nested without end, a huge file) ends in a <see cref="FreeSwitchConfigException"/>
/// within a second instead of filling memory or spinning. The same figures as the orchestrator's readers
/// (docs/security.md); far above any real FreeSWITCH configuration.
/// </summary>
public static class ConfigReaderLimits
{
    /// <summary>Largest single file: 16 MiB.</summary>
    public const long MaxFileBytes = 16L * 1024 * 1024;

    /// <summary>Most pre-processed text (every include and expanded variable): 16 Mi characters (vanilla is about 1 Mi).</summary>
    public const long MaxOutputChars = 16L * 1024 * 1024;

    /// <summary>Most characters one line may expand to through <c>$${}</c> variables.</summary>
    public const int MaxLineChars = 1024 * 1024;

    /// <summary>Most file reads in one load, repeats of an included file counted again (vanilla reads about 150).</summary>
    public const int MaxFileReads = 2_000;

    /// <summary>Deepest element nesting.</summary>
    public const int MaxDepth = 100;
}
