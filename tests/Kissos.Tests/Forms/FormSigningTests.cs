using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Kissos.Forms;

namespace Kissos.Tests.Forms;

/// <summary>The canonical file of a form and the offline verification of a detached .p7s over it, with certificates made here.</summary>
public class FormSigningTests
{
    private static readonly DateTimeOffset Now = new(2027, 1, 20, 10, 0, 0, TimeSpan.Zero);
    private static readonly CanonicalHeader Header = new(Guid.Parse("0193a1b2-0000-7000-8000-000000000001"), "vykaz-skutecnost", 7, 2,
        "svc-1", "00012345", "CZ072", 2026, 3);

    private static FormContent Content() => new()
    {
        Numbers = { ["pracovnici/1.1/skutecnost"] = 2.50m, ["finance-naklady/1.1/z1"] = 100000m, ["specificka/luzka/skutecnost"] = 40 },
        Texts = { ["texty/komentar"] = "Řádek 1\nřádek\t2 \\ konec" },
        Obce = [new("7102", "500011"), new("7101", "500003")],
    };

    internal static X509Certificate2 Certificate(DateTimeOffset notBefore, DateTimeOffset notAfter, string name = "CN=Jana Statutární, O=Poskytovatel")
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(name, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(notBefore, notAfter);
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }

    internal static byte[] SignDetached(byte[] content, X509Certificate2 certificate)
    {
        var cms = new SignedCms(new ContentInfo(content), detached: true);
        cms.ComputeSignature(new CmsSigner(certificate));
        return cms.Encode();
    }

    private static X509Certificate2 Valid() => Certificate(Now.AddYears(-1), Now.AddYears(1));

    [Fact]
    public void The_canonical_file_is_the_same_whatever_order_the_values_were_stored_in()
    {
        var content = Content();
        var reordered = new FormContent
        {
            Numbers = content.Numbers.Reverse().ToDictionary(kv => kv.Key, kv => kv.Value * 1.000m), // trailing zeros do not count
            Texts = content.Texts,
            Obce = [.. content.Obce.AsEnumerable().Reverse()],
        };

        Assert.Equal(FormCanonical.Serialize(Header, content), FormCanonical.Serialize(Header, reordered));
    }

    [Fact]
    public void The_canonical_file_has_the_documented_lines()
    {
        var text = Encoding.UTF8.GetString(FormCanonical.Serialize(Header, Content()));

        Assert.Equal(
            """
            KISSOS-FORMULAR 1
            formular 0193a1b2-0000-7000-8000-000000000001
            rodina vykaz-skutecnost
            sablona 7/2
            sluzba svc-1
            ico 00012345
            kraj CZ072
            rok 2026
            termin 3
            cislo finance-naklady/1.1/z1 100000
            cislo pracovnici/1.1/skutecnost 2.5
            cislo specificka/luzka/skutecnost 40
            text texty/komentar Řádek 1\nřádek\t2 \\ konec
            obec 7101 500003
            obec 7102 500011

            """.ReplaceLineEndings("\n"), text);
    }

    [Fact]
    public void Any_changed_value_changes_the_hash()
    {
        var changed = Content();
        changed.Numbers["pracovnici/1.1/skutecnost"] = 2.51m;

        Assert.NotEqual(FormCanonical.Sha256(FormCanonical.Serialize(Header, Content())), FormCanonical.Sha256(FormCanonical.Serialize(Header, changed)));
        Assert.NotEqual(FormCanonical.Sha256(FormCanonical.Serialize(Header, Content())),
            FormCanonical.Sha256(FormCanonical.Serialize(Header with { Term = 4 }, Content())));
        Assert.Matches("^[0-9a-f]{64}$", FormCanonical.Sha256(FormCanonical.Serialize(Header, Content())));
    }

    [Fact]
    public void A_signature_over_exactly_the_canonical_bytes_is_accepted_and_its_certificate_recorded()
    {
        var bytes = FormCanonical.Serialize(Header, Content());
        using var certificate = Valid();

        var (signer, error) = SignatureVerification.Verify(bytes, SignDetached(bytes, certificate), Now);

        Assert.Null(error);
        Assert.Equal(certificate.Subject, signer!.Subject);
        Assert.Equal(certificate.Issuer, signer.Issuer);
        Assert.Equal(certificate.SerialNumber, signer.SerialNumber);
        Assert.True(signer.NotBefore < Now && Now < signer.NotAfter);
    }

    [Fact]
    public void A_pem_encoded_signature_is_accepted_too()
    {
        var bytes = FormCanonical.Serialize(Header, Content());
        using var certificate = Valid();
        var pem = PemEncoding.WriteString("PKCS7", SignDetached(bytes, certificate));

        Assert.Null(SignatureVerification.Verify(bytes, Encoding.ASCII.GetBytes(pem), Now).Error);
    }

    [Fact]
    public void A_signature_of_other_bytes_is_refused()
    {
        var bytes = FormCanonical.Serialize(Header, Content());
        using var certificate = Valid();
        var other = Content();
        other.Numbers["finance-naklady/1.1/z1"] = 100001m;

        var (signer, error) = SignatureVerification.Verify(bytes, SignDetached(FormCanonical.Serialize(Header, other), certificate), Now);

        Assert.Null(signer);
        Assert.Contains("nepatří k tomuto výkazu", error);
    }

    [Fact]
    public void A_signature_that_carries_other_content_inside_is_refused()
    {
        var bytes = FormCanonical.Serialize(Header, Content());
        using var certificate = Valid();
        var attached = new SignedCms(new ContentInfo(Encoding.UTF8.GetBytes("něco jiného")), detached: false);
        attached.ComputeSignature(new CmsSigner(certificate));

        Assert.Contains("nepatří k tomuto výkazu", SignatureVerification.Verify(bytes, attached.Encode(), Now).Error);
    }

    [Fact]
    public void An_expired_or_not_yet_valid_certificate_is_refused()
    {
        var bytes = FormCanonical.Serialize(Header, Content());
        using var expired = Certificate(Now.AddYears(-2), Now.AddDays(-1));
        using var future = Certificate(Now.AddDays(1), Now.AddYears(2));

        Assert.Contains("Platnost certifikátu podepisujícího skončila", SignatureVerification.Verify(bytes, SignDetached(bytes, expired), Now).Error);
        Assert.Contains("ještě není platný", SignatureVerification.Verify(bytes, SignDetached(bytes, future), Now).Error);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void A_truncated_or_empty_file_is_refused(int kind)
    {
        var bytes = FormCanonical.Serialize(Header, Content());
        using var certificate = Valid();
        var p7s = SignDetached(bytes, certificate);
        var file = kind switch { 0 => [], 1 => p7s[..(p7s.Length / 2)], _ => p7s[..^1] };

        var error = SignatureVerification.Verify(bytes, file, Now).Error;

        Assert.NotNull(error);
        Assert.Matches("prázdný|poškozený nebo neúplný", error);
    }
}
