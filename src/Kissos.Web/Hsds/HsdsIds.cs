using System.Security.Cryptography;
using System.Text;

namespace Kissos.Hsds;

/// <summary>
/// HSDS wants a UUID for every record; ours are codes (IČO, "mpsv-4365", "misto-…"). A name-based UUID (RFC 9562
/// version 5, SHA-1 in the KISSoS namespace) of the kind and the code gives the same UUID in every export and answer,
/// so consumers can update their copies by id.
/// </summary>
public static class HsdsIds
{
    private static readonly Guid Namespace = new("6f1c6b5e-2a8d-5c41-9a0e-4b1d3c2e8f70");

    public static Guid Of(string kind, string code)
    {
        var name = Encoding.UTF8.GetBytes($"{kind}:{code}");
        var input = new byte[16 + name.Length];
        Namespace.TryWriteBytes(input, bigEndian: true, out _);
        name.CopyTo(input, 16);
        var hash = SHA1.HashData(input);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50); // version 5
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80); // RFC variant
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
