using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Orchestrator.Compliance.History;
using Orchestrator.Compliance.Results;
using Orchestrator.FreeSwitch.Placement;

namespace Orchestrator.Compliance.Reports;

/// <summary>
/// A self-contained HTML dashboard: inline CSS, JS and SVG, and a Content-Security-Policy that forbids every fetch. It shows
/// the hosts × controls grid (click a cell for its details), the compliance trend from history, and per host a picture of
/// the RTP range with the capture ports and the ephemeral and reserved ranges drawn on it.
/// </summary>
internal static class HtmlReport
{
    private const int PictureWidth = 760;

    public static void Write(Stream stream, SweepResult result, IReadOnlyList<TrendPoint> trend)
    {
        using var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true);
        writer.Write(Render(result, trend));
    }

    public static string Render(SweepResult result, IReadOnlyList<TrendPoint> trend)
    {
        var sb = new StringBuilder();
        var compliant = result.Hosts.Count(h => h.Compliant);
        var unreachable = result.Hosts.Count(h => h.State == HostState.Unreachable);
        sb.Append("""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            """);
        sb.Append($"<title>Compliance: {E(result.PolicyName)}</title>\n");
        sb.Append("<style>\n").Append(Css).Append("</style>\n</head>\n<body>\n");
        sb.Append($"<header><h1>Compliance: {E(result.PolicyName)}</h1>");
        sb.Append($"<p class=\"meta\">{E(JsonReport.Iso(result.StartedAt))} · {(result.FinishedAt - result.StartedAt).TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s · policy {E(result.PolicyPath)} · exit code {result.ExitCode}</p>");
        sb.Append($"<p class=\"summary\"><span class=\"big\">{compliant}/{result.Hosts.Count}</span> hosts compliant");
        if (unreachable > 0)
        {
            sb.Append($", <span class=\"unreachable\">{unreachable} unreachable</span>");
        }

        foreach (var s in Enum.GetValues<ControlStatus>())
        {
            sb.Append($" <span class=\"pill {s.ToWire()}\">{result.AllResults.Count(r => r.Status == s)} {s.ToWire()}</span>");
        }

        sb.Append("</p></header>\n<main>\n");
        Trend(sb, trend);
        Grid(sb, result);
        sb.Append("<section id=\"details\" class=\"card\" hidden></section>\n");
        Hosts(sb, result);
        sb.Append("</main>\n<script>\n").Append(Script).Append("</script>\n</body>\n</html>\n");
        return sb.ToString();
    }

    private static void Grid(StringBuilder sb, SweepResult result)
    {
        sb.Append("<section class=\"card\"><h2>Hosts × controls</h2><p class=\"hint\">Click a cell for what was found and what fixes it.</p>\n");
        sb.Append("<div class=\"scroll\"><table id=\"grid\"><thead><tr><th>host</th>");
        foreach (var c in result.Controls)
        {
            sb.Append($"<th title=\"{E(c.Title)} (impact {c.Impact.ToString("0.0#", CultureInfo.InvariantCulture)})\">{E(c.Id)}</th>");
        }

        sb.Append("</tr></thead>\n<tbody>\n");
        var templates = new StringBuilder();
        var controls = result.Controls.ToDictionary(c => c.Id, StringComparer.Ordinal);
        var n = 0;
        foreach (var h in result.Hosts)
        {
            var hostClass = h.State == HostState.Unreachable ? "unreachable" : h.Compliant ? "compliant" : "noncompliant";
            sb.Append($"<tr data-host=\"{E(h.Host)}\"><th class=\"host {hostClass}\"><a href=\"#host-{Id(h.Host)}\">{E(h.Host)}</a></th>");
            foreach (var c in result.Controls)
            {
                var r = h.Controls.FirstOrDefault(x => x.ControlId == c.Id);
                if (r is null)
                {
                    sb.Append("<td></td>");
                    continue;
                }

                var id = $"d{n++}";
                sb.Append($"<td class=\"cell {r.Status.ToWire()}\" tabindex=\"0\" data-detail=\"{id}\" data-control=\"{E(c.Id)}\" data-status=\"{r.Status.ToWire()}\" title=\"{E(r.Message)}\">{Symbol(r.Status)}</td>");
                Detail(templates, id, h, r, controls.GetValueOrDefault(r.ControlId));
            }

            sb.Append("</tr>\n");
        }

        sb.Append("</tbody></table></div></section>\n");
        sb.Append(templates);
    }

    private static void Detail(StringBuilder sb, string id, HostResult host, ControlResult r, ControlSummary? control)
    {
        sb.Append($"<template id=\"{id}\"><h2>{E(host.Host)} · {E(r.ControlId)}</h2>");
        if (control is not null)
        {
            sb.Append($"<p><strong>{E(control.Title)}</strong> · impact {control.Impact.ToString("0.0#", CultureInfo.InvariantCulture)} · check <code>{E(control.CheckType)}</code></p>");
        }

        sb.Append($"<p><span class=\"pill {r.Status.ToWire()}\">{r.Status.ToWire()}</span> {E(r.Message)}</p>");
        if (r.Waiver is { } w)
        {
            sb.Append($"<p>Waiver until {E(JsonReport.Iso(w.Expires))}: {E(w.Justification)}</p>");
        }

        if (control is not null && control.Description.Length > 0)
        {
            sb.Append($"<p class=\"desc\">{E(control.Description)}</p>");
        }

        sb.Append("<h3>Evidence</h3><pre>").Append(E(JsonSerializer.Serialize(r.Evidence, new JsonSerializerOptions(EvidenceJson.Options) { WriteIndented = true }))).Append("</pre>");
        if (control is not null && control.Remediation.Length > 0)
        {
            sb.Append($"<h3>Remediation</h3><p class=\"desc\">{E(control.Remediation)}</p>");
            if (control.Playbook is not null)
            {
                sb.Append($"<p>Playbook (<code>--remediate</code>): <code>{E(control.Playbook)}</code></p>");
            }
        }

        sb.Append("</template>\n");
    }

    private static void Trend(StringBuilder sb, IReadOnlyList<TrendPoint> trend)
    {
        sb.Append("<section class=\"card\" id=\"trend\"><h2>Compliance trend</h2>\n");
        if (trend.Count == 0)
        {
            sb.Append("<p class=\"hint\">No history yet (use --db to keep one).</p></section>\n");
            return;
        }

        const int w = 760, h = 160, left = 40, right = 10, top = 10, bottom = 30;
        var plotW = w - left - right;
        var plotH = h - top - bottom;
        double X(int i) => left + (trend.Count == 1 ? plotW / 2.0 : plotW * i / (double)(trend.Count - 1));
        double Y(double percent) => top + plotH * (1 - (percent / 100.0));
        sb.Append($"<svg class=\"trend\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" role=\"img\" aria-label=\"compliant hosts over time\">");
        foreach (var p in new[] { 0, 50, 100 })
        {
            sb.Append(Inv($"<line x1=\"{left}\" x2=\"{w - right}\" y1=\"{Y(p):0.#}\" y2=\"{Y(p):0.#}\" class=\"gridline\"/><text x=\"{left - 4}\" y=\"{Y(p) + 4:0.#}\" text-anchor=\"end\">{p}%</text>"));
        }

        var points = string.Join(' ', trend.Select((p, i) => Inv($"{X(i):0.#},{Y(p.CompliantPercent):0.#}")));
        sb.Append($"<polyline class=\"trendline\" points=\"{points}\"/>");
        for (var i = 0; i < trend.Count; i++)
        {
            var p = trend[i];
            sb.Append(Inv($"<circle cx=\"{X(i):0.#}\" cy=\"{Y(p.CompliantPercent):0.#}\" r=\"3.5\" class=\"{(p.Compliant == p.Hosts ? "ok" : "bad")}\"><title>"));
            sb.Append(E($"{JsonReport.Iso(p.At)}: {p.Compliant}/{p.Hosts} compliant, {p.Unreachable} unreachable ({p.Trigger})"));
            sb.Append("</title></circle>");
        }

        sb.Append(Inv($"<text x=\"{left}\" y=\"{h - 8}\">{E(trend[0].At.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture))}Z</text>"));
        sb.Append(Inv($"<text x=\"{w - right}\" y=\"{h - 8}\" text-anchor=\"end\">{E(trend[^1].At.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture))}Z</text>"));
        sb.Append("</svg></section>\n");
    }

    private static void Hosts(StringBuilder sb, SweepResult result)
    {
        sb.Append("<section class=\"card\"><h2>Ports per host</h2><p class=\"hint\">The RTP range (grey) with the kernel's ephemeral range (blue, where capture ports come from), the reserved ports (green, never auto-assigned) and the capture ports (red: inside the RTP range, black: clear).</p>\n");
        foreach (var h in result.Hosts)
        {
            sb.Append($"<div class=\"hostports\" id=\"host-{Id(h.Host)}\"><h3>{E(h.Host)}");
            if (h.Ports is { } p)
            {
                sb.Append($" <span class=\"pill placement-{E(p.Placement)}\">{E(p.Placement)}</span></h3>");
                Picture(sb, h.Host, p);
            }
            else
            {
                sb.Append($"</h3><p class=\"unreachable\">{E(h.Error ?? "no port facts")}</p>");
            }

            sb.Append("</div>\n");
        }

        sb.Append("</section>\n");
    }

    /// <summary>One host's ports on a linear axis spanning the RTP and ephemeral ranges, with a margin.</summary>
    private static void Picture(StringBuilder sb, string host, HostPortPicture p)
    {
        var spans = new List<PortRange>();
        spans.AddRange(new[] { p.Rtp, p.Ephemeral }.OfType<PortRange>());
        spans.AddRange(p.CapturePorts.Select(c => new PortRange(c.Port, c.Port)));
        if (spans.Count == 0)
        {
            sb.Append("<p class=\"hint\">No RTP range or ports known.</p>");
            return;
        }

        var low = spans.Min(s => s.Low);
        var high = spans.Max(s => s.High);
        var margin = Math.Max(1, (high - low) / 20);
        var min = Math.Max(0, low - margin);
        var max = Math.Min(65535, high + margin);
        const int left = 10, right = 10;
        var plot = PictureWidth - left - right;
        double X(int port) => left + (plot * (port - min) / (double)Math.Max(1, max - min));
        double W(PortRange r) => Math.Max(1.5, X(r.High + 1) - X(r.Low));

        sb.Append($"<svg class=\"ports\" viewBox=\"0 0 {PictureWidth} 120\" width=\"{PictureWidth}\" height=\"120\" role=\"img\" aria-label=\"ports of {E(host)}\">");
        sb.Append("<defs><pattern id=\"hatch-").Append(Id(host)).Append("\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"3\" height=\"6\" class=\"reservedfill\"/></pattern></defs>");
        if (p.Ephemeral is { } e)
        {
            sb.Append(Inv($"<rect class=\"ephemeral\" x=\"{X(e.Low):0.##}\" y=\"14\" width=\"{W(e):0.##}\" height=\"14\"><title>ip_local_port_range {e}</title></rect>"));
            sb.Append(Inv($"<text x=\"{X(e.Low):0.##}\" y=\"10\">ephemeral {e}</text>"));
        }

        foreach (var r in p.Reserved.Where(r => r.High >= min && r.Low <= max))
        {
            var clipped = new PortRange(Math.Max(r.Low, min), Math.Min(r.High, max));
            sb.Append(Inv($"<rect class=\"reserved\" x=\"{X(clipped.Low):0.##}\" y=\"32\" width=\"{W(clipped):0.##}\" height=\"14\" fill=\"url(#hatch-{Id(host)})\"><title>ip_local_reserved_ports {r}</title></rect>"));
        }

        if (p.Reserved.Count > 0)
        {
            sb.Append(Inv($"<text x=\"{PictureWidth - right}\" y=\"43\" text-anchor=\"end\" class=\"small\">reserved {E(string.Join(",", p.Reserved))}</text>"));
        }

        if (p.Rtp is { } rtp)
        {
            sb.Append(Inv($"<rect class=\"rtp\" x=\"{X(rtp.Low):0.##}\" y=\"50\" width=\"{W(rtp):0.##}\" height=\"24\"><title>RTP range {rtp}</title></rect>"));
            sb.Append(Inv($"<text x=\"{X(rtp.Low) + 4:0.##}\" y=\"66\">RTP {rtp}</text>"));
        }

        foreach (var c in p.CapturePorts)
        {
            var x = X(c.Port);
            sb.Append(Inv($"<g class=\"capture {(c.Collides ? "collides" : "clear")}\"><line x1=\"{x:0.##}\" x2=\"{x:0.##}\" y1=\"46\" y2=\"80\"/><circle cx=\"{x:0.##}\" cy=\"86\" r=\"4\"/><text x=\"{x:0.##}\" y=\"102\" text-anchor=\"middle\">{c.Port}</text><title>capture socket {E(c.LocalIp)}:{c.Port} {(c.Collides ? "collides with RTP" : "clear")}</title></g>"));
        }

        sb.Append(Inv($"<text x=\"{left}\" y=\"117\" class=\"small\">{min}</text><text x=\"{PictureWidth - right}\" y=\"117\" text-anchor=\"end\" class=\"small\">{max}</text>"));
        sb.Append("</svg>");
    }

    private static string Symbol(ControlStatus s) => s switch
    {
        ControlStatus.Pass => "✓",
        ControlStatus.Fail => "✗",
        ControlStatus.Error => "!",
        ControlStatus.Waived => "W",
        _ => "–",
    };

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    /// <summary>An HTML id fragment for a host name.</summary>
    private static string Id(string host) => new(host.Select(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' ? ch : '_').ToArray());

    private const string Css = """
        body { font: 14px/1.4 system-ui, sans-serif; margin: 0; background: #f4f5f7; color: #1d2330; }
        header { background: #1d2330; color: #fff; padding: 12px 24px; }
        header h1 { margin: 0 0 4px; font-size: 20px; }
        .meta { margin: 0; opacity: .75; font-size: 12px; }
        .summary { margin: 6px 0 0; }
        .big { font-size: 20px; font-weight: 700; }
        main { padding: 16px 24px; display: grid; gap: 16px; }
        .card { background: #fff; border-radius: 6px; padding: 12px 16px; box-shadow: 0 1px 2px rgba(0,0,0,.12); }
        .card h2 { margin: 0 0 8px; font-size: 16px; }
        .hint { color: #667; font-size: 12px; margin: 0 0 8px; }
        .scroll { overflow-x: auto; }
        table#grid { border-collapse: collapse; }
        #grid th, #grid td { border: 1px solid #dde; padding: 4px 8px; text-align: center; }
        #grid th.host { text-align: left; }
        #grid th.host.noncompliant a { color: #b3261e; }
        #grid th.host.unreachable a { color: #8a6d00; }
        td.cell { cursor: pointer; font-weight: 700; min-width: 2.5em; }
        td.cell.selected { outline: 3px solid #1d2330; }
        .pass { background: #d9f2dd; color: #17642a; }
        .fail { background: #f8d7d5; color: #b3261e; }
        .error { background: #fff1c2; color: #8a6d00; }
        .waived { background: #dde7fb; color: #2c4f9e; }
        .skipped { background: #eceef1; color: #667; }
        .pill { display: inline-block; border-radius: 9px; padding: 0 8px; font-size: 12px; font-weight: 600; }
        header .pill { color: #1d2330; }
        .placement-protected { background: #d9f2dd; } .placement-at-risk { background: #fff1c2; } .placement-colliding { background: #f8d7d5; } .placement-unknown { background: #eceef1; }
        .unreachable { color: #8a6d00; }
        pre { background: #f4f5f7; padding: 8px; overflow-x: auto; font-size: 12px; }
        .desc { white-space: pre-wrap; }
        svg text { font-size: 11px; fill: #1d2330; }
        svg text.small { font-size: 10px; fill: #667; }
        .gridline { stroke: #dde; }
        .trendline { fill: none; stroke: #2c4f9e; stroke-width: 2; }
        circle.ok { fill: #17642a; } circle.bad { fill: #b3261e; }
        rect.ephemeral { fill: #9ec1f7; } rect.rtp { fill: #c9ccd3; } rect.reserved { stroke: #17642a; } .reservedfill { fill: #3aa55a; }
        g.capture line { stroke-width: 2; } g.capture.collides line { stroke: #b3261e; } g.capture.collides circle { fill: #b3261e; }
        g.capture.clear line { stroke: #1d2330; } g.capture.clear circle { fill: #1d2330; }
        .hostports h3 { margin: 12px 0 4px; font-size: 14px; }
        """;

    private const string Script = """
        (function () {
          'use strict';
          var panel = document.getElementById('details');
          function show(cell) {
            var source = document.getElementById(cell.getAttribute('data-detail'));
            if (!source) { return; }
            panel.innerHTML = '';
            panel.appendChild(source.content.cloneNode(true));
            panel.hidden = false;
            var selected = document.querySelectorAll('#grid td.selected');
            for (var i = 0; i < selected.length; i++) { selected[i].classList.remove('selected'); }
            cell.classList.add('selected');
          }
          var cells = document.querySelectorAll('#grid td.cell');
          for (var i = 0; i < cells.length; i++) {
            cells[i].addEventListener('click', function (e) { show(e.currentTarget); });
            cells[i].addEventListener('keydown', function (e) {
              if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); show(e.currentTarget); }
            });
          }
          document.body.setAttribute('data-ready', String(cells.length));
        })();
        """;
}
