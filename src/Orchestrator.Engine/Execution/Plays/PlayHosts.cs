using Orchestrator.Engine.Model;
using Orchestrator.Inventory;

namespace Orchestrator.Engine.Execution.Plays;

/// <summary>Which hosts a play runs on, and in which serial batches.</summary>
internal static class PlayHosts
{
    public static IReadOnlyList<InventoryHost> Select(IInventorySource inventory, Play play, string? limit, Action<string>? onWarning = null) =>
        inventory.SelectHosts(play.Hosts, string.IsNullOrWhiteSpace(limit) ? null : limit, onWarning);

    /// <summary>Ansible's batch sizes: serial entries (counts or percentages of the play's hosts, at least 1), the last one repeating.</summary>
    public static List<List<T>> Batches<T>(IReadOnlyList<T> hosts, IReadOnlyList<SerialStep>? serial)
    {
        var batches = new List<List<T>>();
        if (serial is null || serial.Count == 0)
        {
            batches.Add(hosts.ToList());
            return batches;
        }

        var remaining = hosts.ToList();
        var index = 0;
        while (remaining.Count > 0)
        {
            var step = serial[index];
            var size = step.IsPercent ? (int)(step.Count / 100.0 * hosts.Count) : (int)step.Count;
            if (step.IsPercent && size < 1)
            {
                size = 1;
            }

            if (size <= 0)
            {
                batches.Add(remaining);
                break;
            }

            batches.Add(remaining.Take(size).ToList());
            remaining = remaining.Skip(size).ToList();
            if (index < serial.Count - 1)
            {
                index++;
            }
        }

        return batches;
    }
}
