using Orchestrator.Testing;
using Orchestrator.Transport.KnownHosts;

namespace Orchestrator.Transport.Tests.KnownHosts;

public sealed class KnownHostsFileTests
{
    // Real keys in OpenSSH's public-key format (blob type matches the key type field).
    private const string Ed25519A = "AAAAC3NzaC1lZDI1NTE5AAAAIOxaBGPTcaY1AFuJJ5lNubN3TH3jq8yQj/aEYWxwEd3/";
    private const string Ed25519B = "AAAAC3NzaC1lZDI1NTE5AAAAIM3fEZWWqkLh1ugM6krgWFWm0P5anXseKoy0qhepE6vA";
    private const string Ecdsa = "AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBAGILR8tPgu72+1pTzxUR/vKzUyQ3L26CUiPwuzlezGb/OblZwUAUwUlJmk3vbez6hbJxDhdD66ZYnmEeXSBLiE=";

    private static byte[] Blob(string base64) => Convert.FromBase64String(base64);

    [Fact]
    public void Parse_PlainEntries_MatchHostAndCommaList()
    {
        var file = KnownHostsFile.Parse("kh", $"web1,10.0.0.5 ssh-ed25519 {Ed25519A} comment here\n");

        var entry = Assert.Single(file.Entries);
        Assert.True(entry.Matches("web1"));
        Assert.True(entry.Matches("10.0.0.5"));
        Assert.True(entry.Matches("WEB1"));
        Assert.False(entry.Matches("web2"));
        Assert.Equal("kh:1", entry.Location);
    }

    [Fact]
    public void Parse_BracketedHostWithPort_MatchesOnlyThatPort()
    {
        var file = KnownHostsFile.Parse("kh", $"[web1]:2222 ssh-ed25519 {Ed25519A}\n");

        Assert.True(file.Entries[0].Matches("[web1]:2222"));
        Assert.False(file.Entries[0].Matches("web1"));
        Assert.Equal("[web1]:2222", KnownHostsLookup.HostKeyName("web1", 2222));
        Assert.Equal("web1", KnownHostsLookup.HostKeyName("web1", 22));
    }

    [Fact]
    public void Parse_HashedEntry_MatchesTheHashedNameOnly()
    {
        var salt = Convert.FromBase64String("bWFkZS11cC1zYWx0LTEyMzQ1Ng==");
        var hashed = KnownHostEntry.HashHostName("[10.0.0.5]:2222", salt);
        var file = KnownHostsFile.Parse("kh", $"{hashed} ssh-ed25519 {Ed25519A}\n");

        Assert.True(file.Entries[0].IsHashed);
        Assert.True(file.Entries[0].Matches("[10.0.0.5]:2222"));
        Assert.False(file.Entries[0].Matches("10.0.0.5"));
    }

    [Fact]
    public async Task Parse_LineHashedBySshKeygen_MatchesItsHostOnly()
    {
        using var temp = new TempDirectory();
        var path = temp.Write("known_hosts", $"fs1.example.org ssh-ed25519 {Ed25519A}\n[fs2.example.org]:2200 ssh-ed25519 {Ed25519B}\n");
        var hashed = await ProcessRunner.RunAsync("ssh-keygen", ["-H", "-f", path]);
        Assert.Equal(0, hashed.ExitCode);

        var file = KnownHostsFile.Load(path);

        Assert.All(file.Entries, e => Assert.True(e.IsHashed));
        Assert.True(file.Entries[0].Matches("fs1.example.org"));
        Assert.False(file.Entries[0].Matches("fs2.example.org"));
        Assert.True(file.Entries[1].Matches("[fs2.example.org]:2200"));
        Assert.False(file.Entries[1].Matches("fs2.example.org"));
    }

    [Fact]
    public void Parse_WildcardsAndNegation_FollowOpenSsh()
    {
        var entry = KnownHostsFile.Parse("kh", $"*.example.org,!bad.example.org,10.0.0.? ssh-ed25519 {Ed25519A}").Entries[0];

        Assert.True(entry.Matches("a.example.org"));
        Assert.False(entry.Matches("bad.example.org"));
        Assert.True(entry.Matches("10.0.0.7"));
        Assert.False(entry.Matches("10.0.0.17"));
    }

    [Fact]
    public void Parse_MarkersCommentsAndBrokenLines_AreClassifiedOrSkipped()
    {
        var text = string.Join('\n',
            "# a comment",
            "",
            $"@revoked * ssh-ed25519 {Ed25519B}",
            $"@cert-authority *.example.org ssh-ed25519 {Ed25519A}",
            "web1 ssh-ed25519 not-base64!!",
            $"web1 ssh-rsa {Ed25519A}",
            "@unknown web1 ssh-ed25519 " + Ed25519A,
            "only-two-fields ssh-ed25519",
            $"web1 ecdsa-sha2-nistp256 {Ecdsa}");

        var file = KnownHostsFile.Parse("kh", text);

        Assert.Equal([KnownHostMarker.Revoked, KnownHostMarker.CertAuthority, KnownHostMarker.None], file.Entries.Select(e => e.Marker));
        Assert.Equal([3, 4, 9], file.Entries.Select(e => e.Line));
        Assert.Equal([5, 6, 7, 8], file.SkippedLines);
    }

    [Fact]
    public void Find_SeveralKeyTypesPerHost_EachIsKnown()
    {
        var file = KnownHostsFile.Parse("kh", $"web1 ssh-ed25519 {Ed25519A}\nweb1 ecdsa-sha2-nistp256 {Ecdsa}\n");

        Assert.Equal(HostKeyStatus.Known, KnownHostsLookup.Find([file], "web1", Blob(Ed25519A)).Status);
        Assert.Equal(HostKeyStatus.Known, KnownHostsLookup.Find([file], "web1", Blob(Ecdsa)).Status);
    }

    [Fact]
    public void Find_DifferentKeyOfTheSameType_IsChangedAndPointsAtTheLine()
    {
        var file = KnownHostsFile.Parse("/home/u/.ssh/known_hosts", $"other ssh-ed25519 {Ed25519B}\nweb1 ssh-ed25519 {Ed25519A}\n");

        var lookup = KnownHostsLookup.Find([file], "web1", Blob(Ed25519B));

        Assert.Equal(HostKeyStatus.Changed, lookup.Status);
        Assert.Equal("/home/u/.ssh/known_hosts:2", lookup.Entry!.Location);
    }

    [Fact]
    public void Find_OnlyAnotherKeyTypeRecorded_IsNotTrusted()
    {
        var file = KnownHostsFile.Parse("kh", $"web1 ecdsa-sha2-nistp256 {Ecdsa}\n");

        Assert.Equal(HostKeyStatus.OtherTypeKnown, KnownHostsLookup.Find([file], "web1", Blob(Ed25519A)).Status);
    }

    [Fact]
    public void Find_RevokedKey_WinsOverATrustingEntry()
    {
        var file = KnownHostsFile.Parse("kh", $"web1 ssh-ed25519 {Ed25519A}\n@revoked * ssh-ed25519 {Ed25519A}\n");

        var lookup = KnownHostsLookup.Find([file], "web1", Blob(Ed25519A));

        Assert.Equal(HostKeyStatus.Revoked, lookup.Status);
        Assert.Equal(2, lookup.Entry!.Line);
    }

    [Fact]
    public void Find_CertAuthorityLine_NeverTrustsAPlainKey()
    {
        var file = KnownHostsFile.Parse("kh", $"@cert-authority web1 ssh-ed25519 {Ed25519A}\n");

        Assert.Equal(HostKeyStatus.Unknown, KnownHostsLookup.Find([file], "web1", Blob(Ed25519A)).Status);
    }

    [Fact]
    public void Fingerprint_IsOpenSshSha256Form()
    {
        // ssh-keygen -lf prints SHA256:... without base64 padding.
        var fingerprint = HostKeyFingerprint.Sha256(Blob(Ed25519A));

        Assert.StartsWith("SHA256:", fingerprint, StringComparison.Ordinal);
        Assert.DoesNotContain('=', fingerprint);
        Assert.Equal(50, fingerprint.Length);
        Assert.Equal("ssh-ed25519", HostKeyFingerprint.KeyTypeOf(Blob(Ed25519A)));
    }
}
