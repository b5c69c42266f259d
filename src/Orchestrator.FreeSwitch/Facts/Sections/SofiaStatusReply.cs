namespace Orchestrator.FreeSwitch.Facts.Sections;

/// <summary><c>sofia status</c> as printed, and its rows.</summary>
internal sealed record SofiaStatusReply(string Text, IReadOnlyList<SofiaStatusRow> Rows);
