using System.Net;
using System.Security.Cryptography.X509Certificates;
using BareMetal.Testing;

namespace BareMetal.Redfish.Tests;

/// <summary>The client against the lab BMC over real HTTPS: certificate trust, sessions, basic auth, wrong passwords.</summary>
public sealed class EmulatorTlsAndLoginTests(LabBmcFixture fixture) : IClassFixture<LabBmcFixture>
{
    private LabBmc Bmc => fixture.Bmc;

    [InteropFact]
    public async Task Connect_PinnedFingerprint_ReadsRootAndOpensSession()
    {
        await using var client = RedfishClient.Create(Bmc.Options());
        var root = await client.ConnectAsync();
        Assert.True(root.IsSuccess, root.ToString());
        Assert.Equal("1.18.0", root.Value.RedfishVersion);
        Assert.Equal("/redfish/v1/SessionService/Sessions", root.Value.SessionsPath);
        Assert.StartsWith("/redfish/v1/SessionService/Sessions/", client.SessionPath, StringComparison.Ordinal);

        var systems = await client.GetSystemPathsAsync();
        Assert.Equal(["/redfish/v1/Systems/bios1", "/redfish/v1/Systems/uefi1"], systems.Value);
    }

    [InteropFact]
    public async Task Connect_WrongPin_CertificateRejected()
    {
        var wrong = string.Join(':', Enumerable.Repeat("AB", 32));
        await using var client = RedfishClient.Create(Bmc.Options(RedfishTrust.PinnedSha256(wrong)));
        var root = await client.ConnectAsync();
        Assert.False(root.IsSuccess);
        Assert.Equal(RedfishErrorKind.CertificateRejected, root.Error.Kind);
    }

    [InteropFact]
    public async Task Connect_SystemRoots_RejectsTheSelfSignedCertificate()
    {
        await using var client = RedfishClient.Create(Bmc.Options(RedfishTrust.SystemRoots));
        var root = await client.ConnectAsync();
        Assert.Equal(RedfishErrorKind.CertificateRejected, root.Error?.Kind);
    }

    [InteropFact]
    public async Task Connect_CaFileHoldingTheCertificate_Accepted()
    {
        using var certificate = X509CertificateLoader.LoadPkcs12FromFile(Path.Combine(Bmc.StateDirectory, "bmc-certificate.pfx"), null);
        var pem = Path.Combine(Bmc.Directory, "ca.pem");
        File.WriteAllText(pem, certificate.ExportCertificatePem());
        await using var client = RedfishClient.Create(Bmc.Options(RedfishTrust.CertificateAuthorityFile(pem)));
        var root = await client.ConnectAsync();
        Assert.True(root.IsSuccess, root.ToString());
    }

    [InteropFact]
    public async Task Connect_CaFileWithAnotherCertificate_CertificateRejected()
    {
        using var key = System.Security.Cryptography.ECDsa.Create();
        using var other = new CertificateRequest("CN=other", key, System.Security.Cryptography.HashAlgorithmName.SHA256)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var pem = Path.Combine(Bmc.Directory, "other.pem");
        File.WriteAllText(pem, other.ExportCertificatePem());
        await using var client = RedfishClient.Create(Bmc.Options(RedfishTrust.CertificateAuthorityFile(pem)));
        Assert.Equal(RedfishErrorKind.CertificateRejected, (await client.ConnectAsync()).Error?.Kind);
    }

    [InteropFact]
    public async Task Connect_WrongPassword_UnauthorizedWithTheBmcMessageAndNoSecret()
    {
        const string wrong = "not-the-Pa55word";
        var log = new CollectingLogger();
        await using var client = RedfishClient.Create(Bmc.Options(password: wrong), log);
        var root = await client.ConnectAsync();
        Assert.Equal(RedfishErrorKind.Unauthorized, root.Error?.Kind);
        Assert.Equal(401, root.Error!.StatusCode);
        Assert.Contains("authorization error", root.Error.Message, StringComparison.Ordinal);
        Assert.Contains("ResourceAtUriUnauthorized", root.Error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, root.Error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, log.All, StringComparison.Ordinal);
        Assert.Null(client.SessionPath);
    }

    [InteropFact]
    public async Task Basic_RightAndWrongPassword()
    {
        await using var good = RedfishClient.Create(Bmc.Options(authentication: RedfishAuthentication.Basic));
        Assert.True((await good.ConnectAsync()).IsSuccess);
        Assert.Null(good.SessionPath);

        await using var bad = RedfishClient.Create(Bmc.Options(password: "wrong-one", authentication: RedfishAuthentication.Basic));
        var result = await bad.ConnectAsync();
        Assert.Equal(RedfishErrorKind.Unauthorized, result.Error?.Kind);
        Assert.Contains("NoValidSession", result.Error!.ToString(), StringComparison.Ordinal);
    }

    [InteropFact]
    public async Task Dispose_DeletesTheSession_AndLogsNeitherPasswordNorToken()
    {
        var log = new CollectingLogger();
        string session;
        await using (var client = RedfishClient.Create(Bmc.Options(), log))
        {
            Assert.True((await client.ConnectAsync()).IsSuccess);
            session = client.SessionPath!;
            using var raw = Bmc.RawClient();
            Assert.Equal(HttpStatusCode.OK, (await raw.GetAsync(session)).StatusCode);
        }

        using (var raw = Bmc.RawClient())
        {
            Assert.Equal(HttpStatusCode.NotFound, (await raw.GetAsync(session)).StatusCode);
        }

        Assert.Contains("deleted", log.All, StringComparison.Ordinal);
        Assert.DoesNotContain(LabBmc.Password, log.All, StringComparison.Ordinal);
        Assert.DoesNotContain("X-Auth-Token", log.All, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(LabBmc.Password, new RedfishCredentials(LabBmc.UserName, LabBmc.Password).ToString(), StringComparison.Ordinal);
    }
}
