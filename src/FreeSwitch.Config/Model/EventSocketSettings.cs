namespace FreeSwitch.Config.Model;

/// <summary><c>event_socket.conf</c> as mod_event_socket reads it, with its defaults (127.0.0.1:8021, ClueCon).</summary>
public sealed class EventSocketSettings
{
    public string ListenIp { get; init; } = "127.0.0.1";

    public int ListenPort { get; init; } = 8021;

    /// <summary>The password. It is a secret: never print it.</summary>
    public string Password { get; init; } = "ClueCon";

    public IReadOnlyList<ConfigParam> Params { get; init; } = [];

    internal static EventSocketSettings From(IReadOnlyList<ConfigParam> settings)
    {
        string? ip = null, password = null;
        var port = 0;
        foreach (var p in settings)
        {
            // mod_event_socket compares these names with strcmp.
            switch (p.Name)
            {
                case "listen-ip":
                    ip = p.Value;
                    break;
                case "listen-port":
                    port = (ushort)FreeSwitchValues.Atoi(p.Value);
                    break;
                case "password":
                    password = p.Value;
                    break;
                default:
                    break;
            }
        }

        return new EventSocketSettings
        {
            ListenIp = string.IsNullOrEmpty(ip) ? "127.0.0.1" : ip,
            ListenPort = port == 0 ? 8021 : port,
            Password = string.IsNullOrEmpty(password) ? "ClueCon" : password,
            Params = settings,
        };
    }
}
