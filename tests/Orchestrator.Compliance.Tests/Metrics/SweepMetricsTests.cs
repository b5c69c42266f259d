using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Orchestrator.Compliance.Metrics;
using Orchestrator.Core.Errors;
using Orchestrator.Testing.Compliance;

namespace Orchestrator.Compliance.Tests.Metrics;

public sealed class SweepMetricsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Listen_AfterPasses_ServesParseableExpositionOverLoopback()
    {
        using var metrics = new SweepMetrics();
        var port = FreePort();
        metrics.Listen($"127.0.0.1:{port}");
        metrics.PassCompleted(SampleResults.Pass(T0, SampleResults.Hosts(("fs1", ["CLEAR"]), ("fs2", []), ("gone", []))), TimeSpan.FromSeconds(1.5), T0.AddSeconds(2));
        metrics.PassCompleted(SampleResults.Pass(T0.AddMinutes(5), SampleResults.Hosts(("fs1", ["CLEAR"]), ("fs2", []))), TimeSpan.FromSeconds(2.25), T0.AddMinutes(5).AddSeconds(2));
        metrics.TickSkipped();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/metrics"));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType!.MediaType, StringComparison.Ordinal);
        var samples = Exposition.Parse(text);
        Assert.Equal(0, samples[("orchestrator_compliance_host_compliant", "host=fs1")]);
        Assert.Equal(1, samples[("orchestrator_compliance_host_compliant", "host=fs2")]);
        Assert.False(samples.ContainsKey(("orchestrator_compliance_host_compliant", "host=gone")), "a host gone from the pass is still exported");
        Assert.Equal(1, samples[("orchestrator_compliance_control_status", "control=CLEAR,host=fs1,status=fail")]);
        Assert.Equal(0, samples[("orchestrator_compliance_control_status", "control=CLEAR,host=fs1,status=pass")]);
        Assert.Equal(1, samples[("orchestrator_compliance_control_failing_hosts", "control=CLEAR")]);
        Assert.Equal(2.25, samples[("orchestrator_compliance_sweep_duration_seconds", string.Empty)]);
        Assert.Equal(T0.AddMinutes(5).AddSeconds(2).ToUnixTimeSeconds(), samples[("orchestrator_compliance_last_success_timestamp_seconds", string.Empty)]);
        Assert.Equal(2, samples[("orchestrator_compliance_passes_total", "outcome=noncompliant")]);
        Assert.Equal(1, samples[("orchestrator_compliance_skipped_ticks_total", string.Empty)]);
        Assert.Contains("# TYPE orchestrator_compliance_host_compliant gauge", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE orchestrator_compliance_passes_total counter", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Registry_IsPerInstance_NotTheGlobalOne()
    {
        using var a = new SweepMetrics();
        using var b = new SweepMetrics();
        a.PassCompleted(SampleResults.Pass(T0, SampleResults.Hosts(("fs1", []))), TimeSpan.FromSeconds(1), T0);

        Assert.NotSame(a.Registry, b.Registry);
        Assert.NotSame(Prometheus.Metrics.DefaultRegistry, a.Registry);
    }

    [Theory]
    [InlineData("9464")]
    [InlineData("127.0.0.1:")]
    [InlineData("example.org:9464")]
    [InlineData("127.0.0.1:70000")]
    public void ParseListen_BadValues_AreClearErrors(string value) =>
        Assert.Contains("--metrics-listen", Assert.Throws<UserInputException>(() => SweepMetrics.ParseListen(value)).Message, StringComparison.Ordinal);

    [Fact]
    public void ParseListen_Ipv6_IsBracketed() => Assert.Equal(("[::1]", 9464), SweepMetrics.ParseListen("[::1]:9464"));

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A small parser of the Prometheus text exposition format (0.0.4): name{labels} value per line.</summary>
    private static class Exposition
    {
        public static Dictionary<(string Name, string Labels), double> Parse(string text)
        {
            var samples = new Dictionary<(string, string), double>();
            foreach (var raw in text.Split('\n'))
            {
                var line = raw.Trim();
                if (line.Length == 0 || line.StartsWith('#'))
                {
                    continue;
                }

                var brace = line.IndexOf('{', StringComparison.Ordinal);
                var space = line.LastIndexOf(' ');
                string name, labels = string.Empty;
                if (brace >= 0 && brace < space)
                {
                    name = line[..brace];
                    var close = line.LastIndexOf('}');
                    labels = string.Join(",", line[(brace + 1)..close]
                        .Split(',', StringSplitOptions.RemoveEmptyEntries)
                        .Select(l => l.Split('=', 2))
                        .Select(kv => $"{kv[0]}={kv[1].Trim('"')}")
                        .Order(StringComparer.Ordinal));
                }
                else
                {
                    name = line[..space];
                }

                samples[(name, labels)] = double.Parse(line[(space + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture);
            }

            return samples;
        }
    }
}
