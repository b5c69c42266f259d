using System.Diagnostics;
using System.Globalization;
using Orchestrator.Core.Transport;
using Orchestrator.Inventory;
using Orchestrator.Transport;
using Renci.SshNet;

// Transport benchmark: the orchestrator's SSH transport against OpenSSH on the same lab host, in the same
// run, interleaved in rounds so both see the same machine load. See bench/transport/transport-bench.sh.
//   TransportBench latency INVENTORY HOST [ROUNDS] [PER_ROUND]
//   TransportBench connect INVENTORY HOST [ROUNDS] [PER_ROUND]
//   TransportBench upload INVENTORY HOST [ROUNDS] [PER_ROUND]   (10 MB: exec channel vs a second, SFTP connection)
if (args.Length < 3 || args[0] is not ("latency" or "connect" or "upload"))
{
    Console.Error.WriteLine("usage: TransportBench latency|connect|upload INVENTORY HOST [ROUNDS] [PER_ROUND]");
    return 2;
}

var inventory = InventoryLoader.Load([args[1]]);
var host = inventory.FindHost(args[2]) ?? throw new InvalidOperationException($"no host {args[2]} in {args[1]}");
var rounds = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 10;
var perRound = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 20;
var v = host.Variables;
var address = (string)v["ansible_host"]!;
var user = (string)v["ansible_user"]!;
var key = (string)v["ansible_ssh_private_key_file"]!;
var knownHosts = ((string)v["ansible_ssh_common_args"]!).Split(' ').First(a => a.StartsWith("UserKnownHostsFile=", StringComparison.Ordinal))["UserKnownHostsFile=".Length..];
var controlDir = Directory.CreateTempSubdirectory("transport-bench-");
var sshBase = $"ssh -F /dev/null -i {key} -o UserKnownHostsFile={knownHosts} -o StrictHostKeyChecking=yes -o BatchMode=yes -l {user}";
var mux = $"{sshBase} -o ControlMaster=auto -o ControlPath={controlDir.FullName}/cm-%C -o ControlPersist=300";

using var connector = new HostConnector(new TransportOptions { HomeDirectory = controlDir.FullName });
var ours = new List<double>();
var openssh = new List<double>();
var library = new List<double>();

if (args[0] == "latency")
{
    await using var connection = await connector.ConnectAsync(host.Name, v, CancellationToken.None);
    using var raw = new SshClient(new ConnectionInfo(address, 22, user, new PrivateKeyAuthenticationMethod(user, new PrivateKeyFile(key))));
    raw.HostKeyReceived += (_, e) => e.CanTrust = File.ReadAllText(knownHosts).Contains(Convert.ToBase64String(e.HostKey), StringComparison.Ordinal);
    raw.Connect();
    await Bash($"{mux} -fN {address}", 1); // the master connection, started once
    for (var i = 0; i < 20; i++)
    {
        // Warm-up: JIT, TCP windows, sshd's session code paths.
        await connection.RunAsync(new RemoteCommand("true"), CancellationToken.None);
    }

    for (var r = 0; r < rounds; r++)
    {
        for (var i = 0; i < perRound; i++)
        {
            var sw = Stopwatch.StartNew();
            var result = await connection.RunAsync(new RemoteCommand("true"), CancellationToken.None);
            ours.Add(sw.Elapsed.TotalMilliseconds);
            if (result.ExitCode != 0)
            {
                throw new InvalidOperationException(result.Stderr);
            }
        }

        for (var i = 0; i < perRound; i++)
        {
            var sw = Stopwatch.StartNew();
            using var command = raw.CreateCommand("true");
            await command.ExecuteAsync(CancellationToken.None);
            library.Add(sw.Elapsed.TotalMilliseconds);
        }

        openssh.AddRange(await Bash($"{mux} {address} true", perRound));
    }

    await Bash($"{mux} -O exit {address} 2>/dev/null", 1);
    Report("per-command latency on an open connection (`true`)", "orchestrator (IHostConnection.RunAsync)", ours, "ssh with ControlMaster (mux client per command)", openssh);
    Console.WriteLine($"  for reference, bare SSH.NET SshCommand on one SshClient: {Stats(library)}");
}
else if (args[0] == "upload")
{
    var content = new byte[10 * 1024 * 1024];
    Random.Shared.NextBytes(content);
    await using var connection = await connector.ConnectAsync(host.Name, v, CancellationToken.None);
    var sftpOnly = new List<double>();
    for (var r = 0; r < rounds; r++)
    {
        for (var i = 0; i < perRound; i++)
        {
            var sw = Stopwatch.StartNew();
            await connection.UploadAsync(new FileUpload("/tmp/bench-upload.bin", content), CancellationToken.None);
            ours.Add(sw.Elapsed.TotalMilliseconds);
        }

        for (var i = 0; i < perRound; i++)
        {
            // What SFTP would cost: SSH.NET's SftpClient is a second connection (TCP, key exchange, auth).
            var sw = Stopwatch.StartNew();
            using var sftp = new SftpClient(new ConnectionInfo(address, 22, user, new PrivateKeyAuthenticationMethod(user, new PrivateKeyFile(key))));
            sftp.HostKeyReceived += (_, e) => e.CanTrust = File.ReadAllText(knownHosts).Contains(Convert.ToBase64String(e.HostKey), StringComparison.Ordinal);
            await sftp.ConnectAsync(CancellationToken.None);
            var connected = sw.Elapsed.TotalMilliseconds;
            sftp.UploadFile(new MemoryStream(content), "/tmp/bench-upload-sftp.bin");
            openssh.Add(sw.Elapsed.TotalMilliseconds);
            sftpOnly.Add(sw.Elapsed.TotalMilliseconds - connected);
        }
    }

    Report("10 MB upload", "orchestrator (exec channel: cat to temp, sha256 check, fsync, rename)", ours, "SSH.NET SftpClient (second connection + upload)", openssh);
    Console.WriteLine($"  of which the SFTP transfer alone, without its connection: {Stats(sftpOnly)}");
}
else
{
    for (var i = 0; i < 3; i++)
    {
        await using var warm = await connector.ConnectAsync(host.Name, v, CancellationToken.None);
        await warm.RunAsync(new RemoteCommand("true"), CancellationToken.None);
    }

    for (var r = 0; r < rounds; r++)
    {
        for (var i = 0; i < perRound; i++)
        {
            var sw = Stopwatch.StartNew();
            await using (var connection = await connector.ConnectAsync(host.Name, v, CancellationToken.None))
            {
                await connection.RunAsync(new RemoteCommand("true"), CancellationToken.None);
            }

            ours.Add(sw.Elapsed.TotalMilliseconds);
        }

        openssh.AddRange(await Bash($"{sshBase} {address} true", perRound));
    }

    Report("connection setup: connect, authenticate, run `true`, close", "orchestrator (in-process, warm)", ours, "ssh host true (new process each time)", openssh);
}

controlDir.Delete(recursive: true);
return 0;

static async Task<List<double>> Bash(string command, int times)
{
    // bash's EPOCHREALTIME needs no extra process, so the loop adds nothing but ssh itself.
    var script = $"for i in $(seq {times}); do s=$EPOCHREALTIME; {command} || exit 1; e=$EPOCHREALTIME; echo \"$s $e\"; done";
    var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
    info.ArgumentList.Add("-c");
    info.ArgumentList.Add(script);
    using var process = Process.Start(info)!;
    var output = await process.StandardOutput.ReadToEndAsync();
    var error = await process.StandardError.ReadToEndAsync();
    await process.WaitForExitAsync();
    if (process.ExitCode != 0)
    {
        throw new InvalidOperationException($"{command}: {error}");
    }

    return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
        .Select(l => l.Split(' ').Select(x => double.Parse(x, CultureInfo.InvariantCulture)).ToArray())
        .Select(p => (p[1] - p[0]) * 1000)
        .ToList();
}

static string Stats(List<double> samples)
{
    var sorted = samples.Order().ToList();
    double P(double q) => sorted[Math.Min(sorted.Count - 1, (int)(q * sorted.Count))];
    return string.Create(CultureInfo.InvariantCulture, $"n={sorted.Count} median {P(0.5):0.0} ms, p10 {P(0.1):0.0} ms, p90 {P(0.9):0.0} ms");
}

static void Report(string title, string oursName, List<double> ours, string theirsName, List<double> theirs)
{
    var ratio = ours.Order().ElementAt(ours.Count / 2) / theirs.Order().ElementAt(theirs.Count / 2);
    Console.WriteLine($"{title}");
    Console.WriteLine($"  {oursName}: {Stats(ours)}");
    Console.WriteLine($"  {theirsName}: {Stats(theirs)}");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  ratio of medians (orchestrator / {theirsName.Split(' ')[0]}): {ratio:0.00}"));
}
