using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Dnssec.Tests.Crypto;
using Dnssec.Presentation;
using Dnssec.Tests.Resolver;
using Dnssec.Tests.TrustAnchors;
using Dnssec.Tests.Validation.Hierarchy;
using Dnssec.TrustAnchors;
using Dnssec.Wire;

namespace Dnssec.Tests.Cli;

/// <summary>`dnssec anchors import|status|export|refresh` as scripts call it: exit codes, the state file written, and the printed forms.</summary>
public class AnchorsCommandTests
{
    // The root's KSK-2017 (tag 20326), as IANA publishes it in root-anchors.xml; its SHA-256 DS is the well-known E06D44B8….
    internal const string RootKsk2017 =
        ". IN DNSKEY 257 3 8 AwEAAaz/tAm8yTn4Mfeh5eyI96WSVexTBAvkMgJzkKTOiW1vkIbzxeF3+/4RgWOq7HrxRixHlFlExOLAJr5emLvN7SWXgnLh4+B5xQlNVz8Og8kvArMtNROxVQuCaSnIDdD5LKyWbRd2n9WGe2R8PzgCmr3EgVLrjyBxWezF0jLHwVN8efS3rCj/EWgvIWgb9tarpVUDK/b58Da+sqqls3eNbuv7pr+eoZG+SrDK6nWeL3c6H5Apxz7LjVc1uTIdsIXxuOLYA4/ilBmSVIzuDWfdRUfhHdY6+cn8HFRm+2hM8AnXGXws9555KrUB5qihylGa8subX2Nn6UwNR1AkUTV74bU=";

    private const string UnboundInitStep8 = UnboundAutotrustSamples.InitStep8;
    private const string UnboundAddPendStep15 = UnboundAutotrustSamples.AddPendStep15;

    private readonly string _folder = Directory.CreateTempSubdirectory("anchors-cli").FullName;

    private string State => Path.Combine(_folder, "state");

    [Fact]
    public void Import_SignedSample2014_SignatureGoodButDigestOnly_RefusedWithTwoAndNoState()
    {
        ExternalTool.Result result = CliRunner.Run(
            "anchors", "import", Fixture("root-anchors.xml"), "--state", State,
            "--signature", Fixture("root-anchors.p7s"), "--ca", Fixture("icannbundle.pem"), "--time", "2014-06-10");

        Assert.True(result.ExitCode == 2, result.Combined);
        Assert.Contains("the signature is good", result.Error, StringComparison.Ordinal);
        Assert.Contains("DS 19036", result.Error, StringComparison.Ordinal);
        Assert.Contains("starts from DNSKEY records", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(State));
    }

    [Fact]
    public void Import_SignedSample2014_Today_SignerExpiredRefusedWithTwo()
    {
        ExternalTool.Result result = CliRunner.Run(
            "anchors", "import", Fixture("root-anchors.xml"), "--state", State,
            "--signature", Fixture("root-anchors.p7s"), "--ca", Fixture("icannbundle.pem"));

        Assert.True(result.ExitCode == 2, result.Combined);
        Assert.Contains("expired", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(State));
    }

    [Theory]
    [InlineData(false, 0)]
    [InlineData(true, 2)]
    public void Import_CurrentXmlSignedUnderAGivenCa_StartsTheRootWithItsPublicKeys(bool tamper, int exitCode)
    {
        (X509Certificate2 Certificate, ECDsa Key) ca = SignedAnchorFixtures.CreateCa();
        using (ca.Certificate)
        using (ca.Key)
        {
            byte[] xml = File.ReadAllBytes(RepositoryPaths.Combine("trust-anchors", "root-anchors.xml"));
            string signature = Path.Combine(_folder, "root-anchors.p7s");
            File.WriteAllBytes(signature, SignedAnchorFixtures.SignAs(SignedRootAnchors.IanaSigner, ca, xml));
            if (tamper)
            {
                // One flipped byte after signing: the signature no longer covers the file.
                xml[^2] ^= 0x20;
            }

            string xmlPath = Path.Combine(_folder, "root-anchors.xml");
            File.WriteAllBytes(xmlPath, xml);

            ExternalTool.Result result = CliRunner.Run(
                "anchors", "import", xmlPath, "--state", State, "--signature", signature, "--ca", Write("ca.pem", ca.Certificate.ExportCertificatePem()), "--time", "2026-01-01");

            Assert.True(result.ExitCode == exitCode, result.Combined);
            Assert.Equal(!tamper, File.Exists(State));
            if (!tamper)
            {
                Assert.Contains(".: 2 keys (20326 VALID, 38696 VALID)", result.Output, StringComparison.Ordinal);
            }
        }
    }

    [Theory]
    [InlineData("revoked key", ". IN DNSKEY 385 3 8 AwEAAaz/tAm8yTn4Mfeh5eyI96WSVexTBAvkMgJzkKTOiW1vkIbzxeF3", "REVOKE flag")]
    [InlineData("not an anchor", ". IN A 192.0.2.1", "not a trust anchor")]
    public void Import_BadLines_RefusedWithTwo(string description, string line, string reason)
    {
        ExternalTool.Result result = CliRunner.Run("anchors", "import", Write("keys", line + "\n"), "--state", State);

        Assert.True(result.ExitCode == 2, $"{description}: {result.Combined}");
        Assert.Contains(reason, result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(State));
    }

    [Fact]
    public void Import_XmlWithoutSignature_RefusedWithTwoAndSaysSignatureIsRequired()
    {
        ExternalTool.Result result = CliRunner.Run("anchors", "import", Fixture("root-anchors.xml"), "--state", State);

        Assert.True(result.ExitCode == 2, result.Combined);
        Assert.Contains("--signature", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(State));
    }

    [Fact]
    public void Import_DsLines_RefusedWithTwo()
    {
        string input = Write("ds", ". IN DS 20326 8 2 E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D\n");

        ExternalTool.Result result = CliRunner.Run("anchors", "import", input, "--state", State);

        Assert.True(result.ExitCode == 2, result.Combined);
        Assert.Contains("DS", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(State));
    }

    [Fact]
    public void Import_DnskeyLines_StatusTextAndJson()
    {
        ImportRootKey();

        ExternalTool.Result text = CliRunner.Run("anchors", "status", "--state", State);
        Assert.True(text.ExitCode == 0, text.Combined);
        Assert.Contains("zone . last-refresh=- next-refresh=2026-01-01T00:00:00Z usable", text.Output, StringComparison.Ordinal);
        Assert.Contains("key 20326 algorithm 8 VALID first-seen=2026-01-01T00:00:00Z last-change=2026-01-01T00:00:00Z", text.Output, StringComparison.Ordinal);

        ExternalTool.Result json = CliRunner.Run("anchors", "status", "--state", State, "--json");
        Assert.True(json.ExitCode == 0, json.Combined);
        using var document = JsonDocument.Parse(json.Output);
        Assert.True(document.RootElement.GetProperty("usable").GetBoolean());
        JsonElement zone = Assert.Single(document.RootElement.GetProperty("zones").EnumerateArray());
        Assert.Equal(".", zone.GetProperty("zone").GetString());
        Assert.Equal(JsonValueKind.Null, zone.GetProperty("lastRefresh").ValueKind);
        JsonElement key = Assert.Single(zone.GetProperty("keys").EnumerateArray());
        Assert.Equal(20326, key.GetProperty("tag").GetInt32());
        Assert.Equal(8, key.GetProperty("algorithm").GetInt32());
        Assert.Equal("VALID", key.GetProperty("state").GetString());
        Assert.Equal("2026-01-01T00:00:00Z", key.GetProperty("firstSeen").GetString());
    }

    [Theory]
    [InlineData("ds", ". 0 IN DS 20326 8 2 E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D")]
    [InlineData("dnskey", ". 0 IN DNSKEY 257 3 8 AwEAAaz/tAm8yTn4Mfeh5eyI96WSVexTBAvkMgJzkKTOiW1vkIbzxeF3")]
    [InlineData("unbound", ";;id: . 1")]
    public void Export_ImportedDnskey_EveryFormat(string format, string expected)
    {
        ImportRootKey();

        ExternalTool.Result result = CliRunner.Run("anchors", "export", "--state", State, "--format", format);

        Assert.True(result.ExitCode == 0, result.Combined);
        Assert.Contains(expected, result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_UnboundAutotrustFile_ExportUnboundGivesItBackByteForByte()
    {
        string input = Write("example.com.autokey", UnboundInitStep8);

        ExternalTool.Result imported = CliRunner.Run("anchors", "import", input, "--state", State);
        ExternalTool.Result exported = CliRunner.Run("anchors", "export", "--state", State, "--format", "unbound");

        Assert.True(imported.ExitCode == 0, imported.Combined);
        Assert.True(exported.ExitCode == 0, exported.Combined);
        Assert.Equal(UnboundInitStep8, exported.Output);
    }

    [Fact]
    public void Status_PendingKey_ShowsHoldDownEnd()
    {
        CliRunner.Run("anchors", "import", Write("example.com.autokey", UnboundAddPendStep15), "--state", State);

        ExternalTool.Result result = CliRunner.Run("anchors", "status", "--state", State);

        Assert.True(result.ExitCode == 0, result.Combined);
        Assert.Contains("key 60946 algorithm 5 ADDPEND first-seen=2009-09-23T07:46:40Z last-change=2009-09-23T07:46:40Z hold-down-end=2009-10-23T07:46:40Z", result.Output, StringComparison.Ordinal);
        Assert.Contains("key 55582 algorithm 5 VALID", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_NoTrustedKey_ExitsOne()
    {
        var pending = new AnchorStateStore(State);
        AnchorStateResult parsed = UnboundAutotrustFile.Parse(UnboundAddPendStep15, "example.com.autokey");
        TrustPoint onlyPending = parsed.TrustPoints[0] with { Keys = [parsed.TrustPoints[0].Keys.Single(k => k.State == TrackedKeyState.AddPend)] };
        Assert.True((await pending.SaveAsync([onlyPending])).IsSuccess);

        ExternalTool.Result status = CliRunner.Run("anchors", "status", "--state", State);
        ExternalTool.Result export = CliRunner.Run("anchors", "export", "--state", State, "--format", "ds");

        Assert.True(status.ExitCode == 1, status.Combined);
        Assert.Contains("UNUSABLE", status.Output, StringComparison.Ordinal);
        Assert.Contains("health: Unusable", status.Output, StringComparison.Ordinal);
        Assert.Contains("example.com. has no usable trust anchor", status.Output, StringComparison.Ordinal);
        Assert.True(export.ExitCode == 1, export.Combined);
        Assert.Empty(export.Output);
    }

    [Fact]
    public void CorruptState_StatusExportAndImport_ExitThreeWithReasonAndLeaveTheFileAlone()
    {
        ImportRootKey();
        File.WriteAllText(State, File.ReadAllText(State).Replace("257 3 8", "257 3 7", StringComparison.Ordinal));
        byte[] before = File.ReadAllBytes(State);

        ExternalTool.Result status = CliRunner.Run("anchors", "status", "--state", State);
        ExternalTool.Result export = CliRunner.Run("anchors", "export", "--state", State, "--format", "dnskey");
        ExternalTool.Result import = CliRunner.Run("anchors", "import", Write("keys", RootKsk2017 + "\n"), "--state", State);

        foreach (ExternalTool.Result result in new[] { status, export, import })
        {
            Assert.True(result.ExitCode == 3, result.Combined);
            Assert.Contains("checksum does not match", result.Error, StringComparison.Ordinal);
        }

        Assert.Equal(before, File.ReadAllBytes(State));
    }

    [Fact]
    public async Task Refresh_SignedRootFromServer_ValidatesAndRecordsTheRefresh()
    {
        TestHierarchy hierarchy = new TestHierarchy().Build();
        await using var server = new HostileServer(hierarchy.Authority, (query, response) => [HostileServer.Honest(query, response)]);
        string rootKey = RecordTextFormatter.Format(hierarchy.KeySigningKeys[DnsName.Root].Dnskey);
        string time = "2026-06-01T00:00:00Z";
        Assert.Equal(0, CliRunner.Run("anchors", "import", Write("keys", rootKey + "\n"), "--state", State, "--time", time).ExitCode);

        ExternalTool.Result refresh = CliRunner.Run("anchors", "refresh", "--state", State, "--server", server.EndPoint.ToString(), "--time", time);
        ExternalTool.Result status = CliRunner.Run("anchors", "status", "--state", State);

        Assert.True(refresh.ExitCode == 0, refresh.Combined);
        Assert.Contains(".: Validated", refresh.Output, StringComparison.Ordinal);
        Assert.Contains($"zone . last-refresh={time}", status.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refresh_KeyTheServerDoesNotSignWith_NotValidatedExitsTwoAndSchedulesARetry()
    {
        TestHierarchy hierarchy = new TestHierarchy().Build();
        await using var server = new HostileServer(hierarchy.Authority, (query, response) => [HostileServer.Honest(query, response)]);
        Assert.Equal(0, CliRunner.Run("anchors", "import", Write("keys", RootKsk2017 + "\n"), "--state", State, "--time", "2026-06-01").ExitCode);

        ExternalTool.Result refresh = CliRunner.Run("anchors", "refresh", "--state", State, "--server", server.EndPoint.ToString(), "--time", "2026-06-01");
        ExternalTool.Result status = CliRunner.Run("anchors", "status", "--state", State);

        Assert.True(refresh.ExitCode == 2, refresh.Combined);
        Assert.Contains(".: NotValidated", refresh.Output, StringComparison.Ordinal);
        Assert.Contains("zone . last-refresh=- next-refresh=2026-06-01T", status.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("next-refresh=2026-06-01T00:00:00Z", status.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_NoFile_StartsTheRootFromTheShippedAnchorsCurrentKeys()
    {
        var time = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        ExternalTool.Result result = CliRunner.Run("anchors", "import", "--state", State, "--time", "2026-01-01");

        Assert.True(result.ExitCode == 0, result.Combined);
        Assert.Contains(".: 2 keys (20326 VALID, 38696 VALID)", result.Output, StringComparison.Ordinal);
        AnchorStateResult loaded = await new AnchorStateStore(State).LoadAsync();
        TrustPoint root = Assert.Single(loaded.TrustPoints);
        Assert.Equal(DnsName.Root, root.Zone);
        DnsRecord[] shipped = [.. TrustAnchorSet.ShippedRootAnchors().Where(k => k.IsValidAt(time)).Select(k => k.Dnskey!)];
        Assert.Equal(2, shipped.Length);
        Assert.Equal(shipped.Length, root.Keys.Count);
        Assert.All(shipped, key => Assert.Contains(root.Keys, tracked => tracked.Dnskey.SameData(key) && tracked.State == TrackedKeyState.Valid && tracked.FirstSeen == time));
    }

    [Fact]
    public void Import_NoFileBeforeAnyShippedKeyHadAPublicKey_RefusedWithTwo()
    {
        // The shipped file gives KSK-2010 (19036) as a DS only; RFC 5011 needs the DNSKEY.
        ExternalTool.Result result = CliRunner.Run("anchors", "import", "--state", State, "--time", "2012-01-01");

        Assert.True(result.ExitCode == 2, result.Combined);
        Assert.Contains("shipped root anchor has no key valid at 2012-01-01T00:00:00Z", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(State));
    }

    [Fact]
    public void Status_JustImported_Healthy()
    {
        Assert.Equal(0, CliRunner.Run("anchors", "import", Write("keys", RootKsk2017 + "\n"), "--state", State).ExitCode);

        ExternalTool.Result text = CliRunner.Run("anchors", "status", "--state", State);
        ExternalTool.Result json = CliRunner.Run("anchors", "status", "--state", State, "--json");

        Assert.True(text.ExitCode == 0, text.Combined);
        Assert.Contains("The anchors are usable.\nhealth: Healthy\n", text.Output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        using var document = JsonDocument.Parse(json.Output);
        JsonElement health = document.RootElement.GetProperty("health");
        Assert.Equal("Healthy", health.GetProperty("status").GetString());
        Assert.Empty(health.GetProperty("findings").EnumerateArray());
    }

    [Fact]
    public void Status_NeverRefreshedForLongerThanTheAddHoldDown_DegradedWithTheFindingButStillUsable()
    {
        Assert.Equal(0, CliRunner.Run("anchors", "import", Write("keys", RootKsk2017 + "\n"), "--state", State, "--time", "2020-01-01").ExitCode);

        ExternalTool.Result text = CliRunner.Run("anchors", "status", "--state", State);
        ExternalTool.Result json = CliRunner.Run("anchors", "status", "--state", State, "--json");

        Assert.True(text.ExitCode == 0, text.Combined);
        Assert.Contains("The anchors are usable.", text.Output, StringComparison.Ordinal);
        Assert.Contains("health: Degraded", text.Output, StringComparison.Ordinal);
        Assert.Contains("  the DNSKEY RRset of . has not been validated", text.Output, StringComparison.Ordinal);
        Assert.True(json.ExitCode == 0, json.Combined);
        using var document = JsonDocument.Parse(json.Output);
        Assert.True(document.RootElement.GetProperty("usable").GetBoolean());
        JsonElement health = document.RootElement.GetProperty("health");
        Assert.Equal("Degraded", health.GetProperty("status").GetString());
        Assert.Contains("30-day add hold-down", Assert.Single(health.GetProperty("findings").EnumerateArray()).GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refresh_IterativeFromAPrivateRoot_ValidatesAndWritesTheState()
    {
        await using var root = new LoopbackRoot(_folder, TestHierarchy.Now);
        Assert.Equal(0, CliRunner.Run("anchors", "import", root.RootKeyFile, "--state", State, "--time", "2026-06-01").ExitCode);

        ExternalTool.Result refresh = CliRunner.Run(["anchors", "refresh", "--state", State, .. root.Iterative, "--time", "2026-06-01T00:00:00Z"]);
        ExternalTool.Result status = CliRunner.Run("anchors", "status", "--state", State);

        Assert.True(refresh.ExitCode == 0, refresh.Combined);
        Assert.Contains(".: Validated: DNSKEY", refresh.Output, StringComparison.Ordinal);
        Assert.Contains("; next refresh 2026-06-01T", refresh.Output, StringComparison.Ordinal);
        Assert.Contains("zone . last-refresh=2026-06-01T00:00:00Z", status.Output, StringComparison.Ordinal);
        Assert.True(root.Queries > 0);
    }

    [Fact]
    public async Task Refresh_NoTrustedKey_NotQueriedExitsOne()
    {
        await using var root = new LoopbackRoot(_folder, TestHierarchy.Now);
        AnchorStateResult parsed = UnboundAutotrustFile.Parse(UnboundAddPendStep15, "example.com.autokey");
        TrustPoint onlyPending = parsed.TrustPoints[0] with { Keys = [parsed.TrustPoints[0].Keys.Single(k => k.State == TrackedKeyState.AddPend)] };
        Assert.True((await new AnchorStateStore(State).SaveAsync([onlyPending])).IsSuccess);

        ExternalTool.Result refresh = CliRunner.Run(["anchors", "refresh", "--state", State, .. root.Stub]);

        Assert.True(refresh.ExitCode == 1, refresh.Combined);
        Assert.Contains("example.com.: NoUsableAnchor: no key of example.com. is trusted", refresh.Output, StringComparison.Ordinal);
        Assert.Equal(0, root.Queries);
    }

    [Fact]
    public async Task Refresh_EveryServerRefuses_NoAnswerExitsThreeAndLeavesTheStateAlone()
    {
        await using var root = new LoopbackRoot(_folder, TestHierarchy.Now, (query, _) => [HostileServer.Echo(query, new DnsMessage { ResponseCode = DnsResponseCode.Refused }).ToArray()]);
        Assert.Equal(0, CliRunner.Run("anchors", "import", root.RootKeyFile, "--state", State, "--time", "2026-06-01").ExitCode);
        byte[] before = File.ReadAllBytes(State);

        ExternalTool.Result refresh = CliRunner.Run(["anchors", "refresh", "--state", State, .. root.Stub, "--time", "2026-06-01"]);

        Assert.True(refresh.ExitCode == 3, refresh.Combined);
        Assert.Contains(".: NoAnswer: the query for the DNSKEY RRset of . failed", refresh.Output, StringComparison.Ordinal);
        // Nothing was learnt, so nothing is written; the retry is this process's to wait (as Unbound does).
        Assert.Equal(before, File.ReadAllBytes(State));
    }

    [Fact]
    public async Task Refresh_StateCannotBeWritten_ExitsThreeAfterValidating()
    {
        await using var root = new LoopbackRoot(_folder, TestHierarchy.Now);
        Assert.Equal(0, CliRunner.Run("anchors", "import", root.RootKeyFile, "--state", State, "--time", "2026-06-01").ExitCode);
        byte[] before = File.ReadAllBytes(State);
        // The store writes STATE.tmp and renames it into place; a folder in the way fails the write (even for root).
        Directory.CreateDirectory(State + ".tmp");

        ExternalTool.Result refresh = CliRunner.Run(["anchors", "refresh", "--state", State, .. root.Stub, "--time", "2026-06-01"]);

        Assert.True(refresh.ExitCode == 3, refresh.Combined);
        Assert.Contains(".: Validated", refresh.Output, StringComparison.Ordinal);
        Assert.Contains("the state file was not changed", refresh.Error, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(State));
    }

    [Fact]
    public void Refresh_MissingState_ExitsThreeNamingIt()
    {
        ExternalTool.Result refresh = CliRunner.Run("anchors", "refresh", "--state", State, "--server", "127.0.0.1");

        Assert.True(refresh.ExitCode == 3, refresh.Combined);
        Assert.Contains(State, refresh.Error, StringComparison.Ordinal);
        Assert.Contains("dnssec anchors import", refresh.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("missing state option", new[] { "anchors", "status" })]
    [InlineData("unknown subcommand", new[] { "anchors", "frobnicate", "--state", "x" })]
    [InlineData("unknown format", new[] { "anchors", "export", "--state", "x", "--format", "bind" })]
    [InlineData("missing state file", new[] { "anchors", "status", "--state", "/nonexistent/state" })]
    [InlineData("missing input file", new[] { "anchors", "import", "/nonexistent/keys", "--state", "/nonexistent/state" })]
    [InlineData("signature without ca", new[] { "anchors", "import", "x", "--state", "x", "--signature", "y" })]
    [InlineData("bad time", new[] { "anchors", "import", "x", "--state", "x", "--time", "yesterday-ish" })]
    [InlineData("bad server", new[] { "anchors", "refresh", "--state", "x", "--server", "not-an-address" })]
    [InlineData("bad stub zone", new[] { "anchors", "refresh", "--state", "x", "--stub-zone", "corp.example=127.0.0.1:53" })]
    [InlineData("bad authority port", new[] { "anchors", "refresh", "--state", "x", "--iterative", "--authority-port", "70000" })]
    [InlineData("signature without file", new[] { "anchors", "import", "--state", "x", "--signature", "y", "--ca", "z" })]
    public void Anchors_UsageOrIoError_ExitsThree(string description, string[] arguments)
    {
        ExternalTool.Result result = CliRunner.Run(arguments);

        Assert.True(result.ExitCode == 3, $"{description}: {result.Combined}");
        Assert.NotEmpty(result.Error);
    }

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Anchors", name);

    private void ImportRootKey()
    {
        ExternalTool.Result result = CliRunner.Run("anchors", "import", Write("keys", RootKsk2017 + "\n"), "--state", State, "--time", "2026-01-01");
        Assert.True(result.ExitCode == 0, result.Combined);
    }

    private string Write(string name, string text)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }
}
