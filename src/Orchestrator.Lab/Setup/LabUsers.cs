using System.Globalization;

namespace Orchestrator.Lab.Setup;

/// <summary>
/// The two login users every host has, besides root: <see cref="Login"/> with passwordless sudo, and
/// <see cref="PasswordUser"/> whose sudo (and SSH login) needs the lab's password. They exist only in the
/// hosts' /etc (an overlay layer), never in the machine's own /etc/passwd.
/// </summary>
internal sealed record LabUsers(string Login, int LoginId, string PasswordUser, int PasswordUserId)
{
    public const string DefaultLogin = "labuser";
    public const string DefaultPasswordUser = "labpass";

    /// <summary>Picks uids/gids free in both the machine's passwd and group files, from 2100 up.</summary>
    public static LabUsers Choose(string passwdText, string groupText)
    {
        var taken = Ids(passwdText).Concat(Ids(groupText)).ToHashSet();
        var first = NextFree(taken, 2100);
        taken.Add(first);
        var second = NextFree(taken, first + 1);
        return new LabUsers(DefaultLogin, first, DefaultPasswordUser, second);
    }

    public IReadOnlyList<string> Names => [Login, PasswordUser];

    private static int NextFree(HashSet<int> taken, int from)
    {
        var id = from;
        while (taken.Contains(id))
        {
            id++;
        }

        return id;
    }

    private static IEnumerable<int> Ids(string text) =>
        text.Split('\n')
            .Select(l => l.Split(':'))
            .Where(f => f.Length > 2 && int.TryParse(f[2], NumberStyles.None, CultureInfo.InvariantCulture, out _))
            .Select(f => int.Parse(f[2], CultureInfo.InvariantCulture));
}
