using System.Xml;
using System.Xml.Linq;
using FreeSwitch.Config.Model;
using FreeSwitch.Config.Preprocessing;
using FreeSwitch.Config.Sources;

namespace FreeSwitch.Config;

/// <summary>
/// A FreeSWITCH configuration as FreeSWITCH itself sees it: <c>freeswitch.xml</c> pre-processed (includes, <c>$${var}</c>),
/// parsed, and read into the settings that matter here. Load it from a host's tree, a local copy or a tar in memory.
/// </summary>
public sealed class FreeSwitchConfiguration
{
    private readonly PreprocessedText _text;
    private SwitchSettings? _switch;
    private SofiaSettings? _sofia;
    private EventSocketSettings? _eventSocket;

    private FreeSwitchConfiguration(XDocument document, PreprocessedText text, Preprocessor preprocessor)
    {
        Document = document;
        _text = text;
        Variables = new Dictionary<string, string>(preprocessor.Variables, StringComparer.Ordinal);
        Warnings = [.. preprocessor.Warnings];
        Files = [.. preprocessor.Files];
        ReferencedVariables = new HashSet<string>(preprocessor.Referenced, StringComparer.Ordinal);
    }

    /// <summary>The parsed document (the &lt;document&gt; root FreeSWITCH builds); empty when loaded with KeepDocument false.</summary>
    public XDocument Document { get; private set; }

    /// <summary>The pre-processed XML (what FreeSWITCH writes to <c>freeswitch.xml.fsxml</c>).</summary>
    public string PreprocessedXml => _text.Text;

    /// <summary>Global variables after pre-processing: the runtime ones plus every <c>set</c>.</summary>
    public IReadOnlyDictionary<string, string> Variables { get; }

    /// <summary>
    /// The variable names any <c>$${...}</c> expanded (or tried to). A runtime variable outside this set cannot change the
    /// result, so a caller that learns a better value for it need not load the configuration again.
    /// </summary>
    public IReadOnlySet<string> ReferencedVariables { get; }

    /// <summary>What FreeSWITCH would have logged while pre-processing.</summary>
    public IReadOnlyList<ConfigWarning> Warnings { get; }

    /// <summary>Every file read, in the order the pre-processor read them.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>switch.conf (core settings, RTP range).</summary>
    public SwitchSettings Switch => _switch ??= SwitchSettings.From(GetParams("switch.conf", "settings"));

    /// <summary>sofia.conf (capture server, SIP profiles).</summary>
    public SofiaSettings Sofia => _sofia ??= ReadSofia();

    /// <summary>event_socket.conf (listen address and password).</summary>
    public EventSocketSettings EventSocket => _eventSocket ??= EventSocketSettings.From(GetParams("event_socket.conf", "settings"));

    /// <summary>Reads and parses a configuration. Throws <see cref="FreeSwitchConfigException"/> with file:line:column on malformed XML.</summary>
    public static FreeSwitchConfiguration Load(IConfigFileSource source, ConfigLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        options ??= new ConfigLoadOptions();
        var preprocessor = new Preprocessor(source, options);
        preprocessor.Run();
        var text = preprocessor.Output;
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Ignore,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            CheckCharacters = false,
            XmlResolver = null,
        };
        XDocument document;
        try
        {
            CheckDepth(text, settings);
            using var reader = XmlReader.Create(new StringReader(text.Text), settings);
            document = XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException e)
        {
            var location = text.Locate(e.LineNumber, e.LinePosition);
            throw new FreeSwitchConfigException($"malformed XML: {StripPosition(e.Message)}", location, e);
        }

        var configuration = new FreeSwitchConfiguration(document, text, preprocessor);
        if (!options.KeepDocument)
        {
            _ = configuration.Switch;
            _ = configuration.Sofia;
            _ = configuration.EventSocket;
            configuration.Document = new XDocument(new XElement("document"));
            configuration._text.DropText();
        }

        return configuration;
    }

    // A streaming pass before the tree is built: XDocument.Load slows down with the square of the nesting depth.
    private static void CheckDepth(PreprocessedText text, XmlReaderSettings settings)
    {
        using var reader = XmlReader.Create(new StringReader(text.Text), settings);
        while (reader.Read())
        {
            if (reader.Depth > ConfigReaderLimits.MaxDepth)
            {
                var info = (IXmlLineInfo)reader;
                throw new FreeSwitchConfigException(
                    $"found elements nested more than {ConfigReaderLimits.MaxDepth} deep; expected at most {ConfigReaderLimits.MaxDepth} levels (the reader's limit)",
                    text.Locate(info.LineNumber, reader.NodeType == XmlNodeType.Element ? info.LinePosition - 1 : info.LinePosition));
            }
        }
    }

    /// <summary>Where an element or attribute was written, in the file it came from.</summary>
    public ConfigLocation? LocationOf(XObject node) =>
        node is IXmlLineInfo info && info.HasLineInfo()
            ? _text.Locate(info.LineNumber, node is XElement ? info.LinePosition - 1 : info.LinePosition)
            : null;

    /// <summary>
    /// The &lt;configuration name=".."&gt; element FreeSWITCH would hand a module (<c>switch_xml_open_cfg</c>): the first one
    /// with that name (any case) in the first &lt;section name="configuration"&gt;.
    /// </summary>
    public XElement? GetConfiguration(string name)
    {
        var section = Document.Root?.Elements("section")
            .FirstOrDefault(s => string.Equals((string?)s.Attribute("name"), "configuration", StringComparison.OrdinalIgnoreCase));
        return section?.Elements("configuration")
            .FirstOrDefault(c => string.Equals((string?)c.Attribute("name"), name, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// The &lt;param&gt; children of an element of a configuration, in file order. <paramref name="path"/> is a '/'-separated list of
    /// child tags under the &lt;configuration&gt;, each optionally with <c>[name]</c> to pick the child whose name attribute matches
    /// (any case): <c>settings</c>, <c>global_settings</c>, <c>profiles/profile[internal]/settings</c>.
    /// </summary>
    public IReadOnlyList<ConfigParam> GetParams(string configuration, string path)
    {
        var element = GetConfiguration(configuration);
        foreach (var segment in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (element is null)
            {
                break;
            }

            var open = segment.IndexOf('[');
            var tag = open < 0 ? segment : segment[..open];
            var key = open < 0 ? null : segment[(open + 1)..].TrimEnd(']');
            element = element.Elements(tag).FirstOrDefault(e => key is null || string.Equals((string?)e.Attribute("name"), key, StringComparison.OrdinalIgnoreCase));
        }

        return element is null ? [] : ParamsOf(element);
    }

    /// <summary>The effective (last) value of one param, or null: for checks such as "switch.conf settings rtp-start-port equals 20000".</summary>
    public ConfigParam? GetParam(string configuration, string path, string name) =>
        GetParams(configuration, path).LastOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    private List<ConfigParam> ParamsOf(XElement element) =>
        [.. element.Elements("param").Select(p => new ConfigParam((string?)p.Attribute("name") ?? string.Empty, (string?)p.Attribute("value") ?? string.Empty, LocationOf(p)))];

    private SofiaSettings ReadSofia()
    {
        var globals = GetParams("sofia.conf", "global_settings");
        var capture = globals.LastOrDefault(p => string.Equals(p.Name, "capture-server", StringComparison.OrdinalIgnoreCase));
        CaptureServer? parsed = null;
        string? error = null;
        if (capture is not null && !CaptureServer.TryParse(capture.Value, out parsed, out error))
        {
            parsed = null;
        }

        var profiles = new List<SipProfileSettings>();
        var profilesElement = GetConfiguration("sofia.conf")?.Element("profiles");
        if (profilesElement is not null)
        {
            foreach (var profile in profilesElement.Elements("profile"))
            {
                profiles.Add(ReadProfile(profile));
            }
        }

        return new SofiaSettings
        {
            CaptureServerValue = capture?.Value,
            CaptureServerLocation = capture?.Location,
            CaptureServer = parsed,
            CaptureServerError = error,
            GlobalParams = globals,
            Profiles = profiles,
        };
    }

    private SipProfileSettings ReadProfile(XElement profile)
    {
        var guessIp = Variables.TryGetValue("local_ip_v4", out var v4) ? v4 : "127.0.0.1";
        var settings = profile.Element("settings");
        var parameters = settings is null ? [] : ParamsOf(settings);
        string? sipIp = null, extSip = null, extRtp = null, capture = null, rtcp = null;
        var rtpIps = new List<string>();
        var port = 0;
        foreach (var p in parameters)
        {
            switch (p.Name.ToLowerInvariant())
            {
                case "sip-ip":
                    sipIp = p.Value is "0.0.0.0" or "auto" ? guessIp : p.Value;
                    break;
                case "rtp-ip":
                    if (rtpIps.Count < 50)
                    {
                        rtpIps.Add(p.Value is "" or "0.0.0.0" or "auto" ? guessIp : p.Value);
                    }

                    break;
                case "sip-port":
                    port = (ushort)FreeSwitchValues.Atoi(p.Value);
                    break;
                case "sip-capture":
                    capture = p.Value;
                    break;
                case "ext-sip-ip":
                    extSip = ExternalIp(p.Value, guessIp);
                    break;
                case "ext-rtp-ip":
                    extRtp = ExternalIp(p.Value, guessIp);
                    break;
                case "rtcp-audio-interval-msec":
                    rtcp = string.IsNullOrEmpty(p.Value) ? null : p.Value;
                    break;
                default:
                    break;
            }
        }

        if (rtpIps.Count == 0)
        {
            rtpIps.Add(guessIp);
        }

        return new SipProfileSettings
        {
            Name = (string?)profile.Attribute("name") ?? string.Empty,
            Location = LocationOf(profile),
            HasSettings = settings is not null,
            SipIp = sipIp ?? guessIp,
            RtpIps = rtpIps,
            SipPort = port == 0 ? 5060 : port,
            SipCapture = FreeSwitchValues.IsTrue(capture),
            SipCaptureValue = capture,
            ExtSipIp = extSip,
            ExtRtpIp = extRtp,
            RtcpAudioIntervalMsec = rtcp,
            Aliases = ReadAliases(profile),
            Params = parameters,
        };
    }

    /// <summary>
    /// ext-sip-ip / ext-rtp-ip as mod_sofia resolves them: empty means none, <c>auto</c> the guessed IP, <c>auto-nat</c> none
    /// (the simulator runs with -nonat), stun:/host: lookups are not made here and fall back to the guessed IP as they
    /// do in FreeSWITCH when the lookup fails.
    /// </summary>
    private static string? ExternalIp(string value, string guessIp)
    {
        if (string.IsNullOrEmpty(value) || value.Equals("auto-nat", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (value == "0.0.0.0" || value.Equals("auto", StringComparison.OrdinalIgnoreCase)
            || value.StartsWith("stun:", StringComparison.OrdinalIgnoreCase) || value.StartsWith("host:", StringComparison.OrdinalIgnoreCase))
        {
            return guessIp;
        }

        return value.Equals("localhost", StringComparison.OrdinalIgnoreCase) ? "127.0.0.1" : value;
    }

    private List<string> ReadAliases(XElement profile)
    {
        var aliases = new List<string>();
        foreach (var alias in profile.Element("aliases")?.Elements("alias") ?? [])
        {
            if ((string?)alias.Attribute("name") is { Length: > 0 } name)
            {
                aliases.Add(name);
            }
        }

        foreach (var domain in profile.Element("domains")?.Elements("domain") ?? [])
        {
            if (!FreeSwitchValues.IsTrue((string?)domain.Attribute("alias")) || (string?)domain.Attribute("name") is not { Length: > 0 } name)
            {
                continue;
            }

            if (name.Equals("all", StringComparison.OrdinalIgnoreCase))
            {
                aliases.AddRange(DirectoryDomains());
            }
            else
            {
                aliases.Add(name);
            }
        }

        return aliases;
    }

    private IEnumerable<string> DirectoryDomains()
    {
        var section = Document.Root?.Elements("section")
            .FirstOrDefault(s => string.Equals((string?)s.Attribute("name"), "directory", StringComparison.OrdinalIgnoreCase));
        return section?.Elements("domain").Select(d => (string?)d.Attribute("name")).OfType<string>().Where(n => n.Length > 0) ?? [];
    }

    private static string StripPosition(string message)
    {
        var i = message.LastIndexOf(" Line ", StringComparison.Ordinal);
        return i > 0 ? message[..i].TrimEnd('.', ' ') + "." : message;
    }
}
