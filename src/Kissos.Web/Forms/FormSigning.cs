using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Kissos.Data;
using Microsoft.EntityFrameworkCore;

namespace Kissos.Forms;

/// <summary>What a form's canonical file names besides its content: which form, template version and period.</summary>
public sealed record CanonicalHeader(Guid FormId, string Family, int TemplateId, int TemplateVersion, string ServiceId, string Ico,
    string Kraj, int Year, int Term);

/// <summary>
/// The canonical, stable serialisation of a form version: the bytes a statutory representative signs (README, "Annual
/// report", "Canonical file"). UTF-8 without BOM, LF line ends, one item per line, sorted by ordinal address, numbers in
/// invariant culture without trailing zeros, texts in Unicode NFC with backslash, LF, CR and tab escaped. The same
/// content always gives the same bytes, whatever order the values were typed or stored in.
/// </summary>
public static class FormCanonical
{
    public const string Magic = "KISSOS-FORMULAR 1";

    public static byte[] Serialize(CanonicalHeader header, FormContent content)
    {
        var text = new StringBuilder();
        void Line(string line) => text.Append(line).Append('\n');
        Line(Magic);
        Line($"formular {header.FormId:D}");
        Line($"rodina {header.Family}");
        Line($"sablona {header.TemplateId.ToString(CultureInfo.InvariantCulture)}/{header.TemplateVersion.ToString(CultureInfo.InvariantCulture)}");
        Line($"sluzba {header.ServiceId}");
        Line($"ico {header.Ico}");
        Line($"kraj {header.Kraj}");
        Line($"rok {header.Year.ToString(CultureInfo.InvariantCulture)}");
        Line($"termin {header.Term.ToString(CultureInfo.InvariantCulture)}");
        foreach (var (address, value) in content.Numbers.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            Line($"cislo {address} {Number(value)}");
        foreach (var (address, value) in content.Texts.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            Line($"text {address} {Escape(value)}");
        foreach (var obec in content.Obce.Distinct().OrderBy(o => o.Orp, StringComparer.Ordinal).ThenBy(o => o.Obec, StringComparer.Ordinal))
            Line($"obec {obec.Orp} {obec.Obec}");
        return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text.ToString());
    }

    /// <summary>Lower-case hex SHA-256 of the bytes.</summary>
    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    public static string Number(decimal value) => value.ToString("0.############################", CultureInfo.InvariantCulture);

    private static string Escape(string value) => value.Normalize(NormalizationForm.FormC)
        .Replace("\\", "\\\\").Replace("\n", "\\n").Replace("\r", "\\r").Replace("\t", "\\t");
}

/// <summary>The certificate of a verified qualified signature, as recorded with the signature.</summary>
public sealed record SignerCertificate(string Subject, string Issuer, string SerialNumber, DateTimeOffset NotBefore, DateTimeOffset NotAfter);

/// <summary>
/// Verifies a detached CMS/PKCS#7 signature (.p7s, DER or PEM) over exactly the canonical bytes, offline: the signature
/// value and the signer's certificate validity at <c>now</c> are checked; no chain is built and nothing is fetched
/// (revocation is the signing tool's and the trust list's business, not the form's).
/// </summary>
public static class SignatureVerification
{
    public static (SignerCertificate? Certificate, string? Error) Verify(byte[] signedBytes, byte[] p7s, DateTimeOffset now)
    {
        if (p7s.Length == 0) return (null, "Soubor podpisu je prázdný.");
        var cms = new SignedCms(new ContentInfo(signedBytes), detached: true);
        try
        {
            cms.Decode(FromPem(p7s));
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return (null, "Soubor podpisu není platný podpis CMS/PKCS#7 (.p7s): je poškozený nebo neúplný.");
        }
        if (cms.SignerInfos.Count != 1) return (null, $"Soubor musí obsahovat právě jeden podpis (obsahuje {cms.SignerInfos.Count}).");
        var signer = cms.SignerInfos[0];
        if (signer.Certificate is not { } certificate) return (null, "Podpis neobsahuje certifikát podepisujícího.");
        // A signature with the content inside (not detached) must carry exactly our bytes, or it signs something else.
        var sameContent = cms.Detached || cms.ContentInfo.Content.AsSpan().SequenceEqual(signedBytes);
        try
        {
            if (sameContent) cms.CheckSignature(verifySignatureOnly: true);
        }
        catch (CryptographicException)
        {
            sameContent = false;
        }
        if (!sameContent)
            return (null, "Podpis nepatří k tomuto výkazu: podepsán byl jiný soubor, nebo se výkaz od stažení změnil. "
                + "Stáhněte soubor k podpisu znovu, podepište jej (binárně, bez úprav konců řádků) a nahrajte nový podpis.");
        var info = new SignerCertificate(certificate.Subject, certificate.Issuer, certificate.SerialNumber,
            new DateTimeOffset(certificate.NotBefore.ToUniversalTime()), new DateTimeOffset(certificate.NotAfter.ToUniversalTime()));
        if (now < info.NotBefore) return (null, $"Certifikát podepisujícího ještě není platný (platí od {info.NotBefore:d. M. yyyy}).");
        if (now > info.NotAfter) return (null, $"Platnost certifikátu podepisujícího skončila {info.NotAfter:d. M. yyyy}; podepište platným certifikátem.");
        return (info, null);
    }

    /// <summary>A PEM file ("-----BEGIN PKCS7-----" or "CMS") becomes its DER bytes; DER passes through.</summary>
    private static byte[] FromPem(byte[] file)
    {
        var text = Encoding.ASCII.GetString(file, 0, Math.Min(file.Length, 16));
        if (!text.StartsWith("-----BEGIN", StringComparison.Ordinal)) return file;
        var lines = Encoding.ASCII.GetString(file).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith("-----", StringComparison.Ordinal));
        return Convert.FromBase64String(string.Concat(lines));
    }
}

/// <summary>Signing a form when it is handed in: the canonical file, its hash, who and when, and a verified .p7s where the template asks.</summary>
public static class FormSignatures
{
    /// <summary>The next signature row of the form (not yet added), or a Czech reason why the signature is refused.</summary>
    public static async Task<(FormSignature? Signature, string? Error)> SignAsync(KissosDb db, LoadedForm loaded, string? base64,
        System.Security.Claims.ClaimsPrincipal user, TimeProvider clock, CancellationToken ct)
    {
        var bytes = FormCanonical.Serialize(loaded.CanonicalHeader, loaded.Content);
        var now = clock.GetUtcNow();
        SignerCertificate? certificate = null;
        byte[]? cms = null;
        if (loaded.Template.Signature == SignatureKind.Qualified || !string.IsNullOrWhiteSpace(base64))
        {
            if (string.IsNullOrWhiteSpace(base64))
                return (null, "Kraj u tohoto formuláře vyžaduje kvalifikovaný elektronický podpis: stáhněte soubor k podpisu, "
                    + "podepište jej svým certifikátem (oddělený podpis CMS/PKCS#7) a nahrajte podpis (.p7s).");
            try
            {
                cms = Convert.FromBase64String(base64);
            }
            catch (FormatException)
            {
                return (null, "Podpis (.p7s) se posílá v kódování base64; zaslaný text base64 není.");
            }
            (certificate, var error) = SignatureVerification.Verify(bytes, cms, now);
            if (error is not null) return (null, error);
        }
        var last = await db.FormSignatures.Where(s => s.FormId == loaded.Form.Id).MaxAsync(s => (int?)s.Number, ct) ?? 0;
        return (new FormSignature
        {
            FormId = loaded.Form.Id, Number = last + 1, Canonical = Encoding.UTF8.GetString(bytes), Sha256 = FormCanonical.Sha256(bytes),
            SignedBy = FormStore.UserName(user), SignedAt = now, Cms = cms,
            CertificateSubject = certificate?.Subject, CertificateIssuer = certificate?.Issuer, CertificateSerial = certificate?.SerialNumber,
            CertificateNotBefore = certificate?.NotBefore, CertificateNotAfter = certificate?.NotAfter,
        }, null);
    }
}
