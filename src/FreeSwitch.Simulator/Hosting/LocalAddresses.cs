using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace FreeSwitch.Simulator.Hosting;

/// <summary>
/// local_ip_v4 / local_ip_v6 as the simulator computes them: the first address of an interface that is up (or whose
/// state is unknown, like a dummy link) and not loopback. FreeSWITCH asks the routing table instead (a UDP connect
/// toward a public address); the lab's namespaces have no default route, where FreeSWITCH would fall back to
/// 127.0.0.1 / ::1, so the simulator reads the interfaces and never touches a public address. Fallbacks: 127.0.0.1 and ::1.
/// </summary>
internal static class LocalAddresses
{
    public static (string V4, string Mask, string V6) Find()
    {
        string? v4 = null, mask = null, v6 = null;
        foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
        {
            if (nic.OperationalStatus is OperationalStatus.Down or OperationalStatus.NotPresent or OperationalStatus.LowerLayerDown
                || nic.NetworkInterfaceType == NetworkInterfaceType.Loopback)
            {
                continue;
            }

            foreach (var unicast in nic.GetIPProperties().UnicastAddresses)
            {
                var address = unicast.Address;
                if (IPAddress.IsLoopback(address))
                {
                    continue;
                }

                if (address.AddressFamily == AddressFamily.InterNetwork && v4 is null)
                {
                    v4 = address.ToString();
                    mask = unicast.IPv4Mask?.ToString();
                }
                else if (address.AddressFamily == AddressFamily.InterNetworkV6 && v6 is null && !address.IsIPv6LinkLocal)
                {
                    v6 = address.ToString();
                }
            }
        }

        return (v4 ?? "127.0.0.1", mask ?? "255.0.0.0", v6 ?? "::1");
    }
}
