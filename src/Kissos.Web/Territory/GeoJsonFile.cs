using System.IO.Compression;
using System.Text.Json;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace Kissos.Territory;

/// <summary>One feature of a GeoJSON file: its 1-based number in the file, its properties and geometry.</summary>
public sealed record GeoJsonFeature(int Number, JsonElement Properties, Geometry? Geometry)
{
    public string? Text(string name) => Properties.TryGetProperty(name, out var v) ? v.ValueKind switch
    {
        JsonValueKind.String => v.GetString(),
        JsonValueKind.Number => v.GetRawText(),
        _ => null,
    } : null;

    public int? Int(string name) => int.TryParse(Text(name), out var i) ? i : null;
}

/// <summary>Reads GeoJSON feature collections, plain or gzipped.</summary>
public static class GeoJsonFile
{
    private static readonly JsonSerializerOptions GeometryOptions = new() { Converters = { new GeoJsonConverterFactory() } };

    public static List<GeoJsonFeature> Read(string path)
    {
        using var file = File.OpenRead(path);
        using Stream stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
            ? new GZipStream(file, CompressionMode.Decompress)
            : file;
        using var doc = JsonDocument.Parse(stream);
        var features = new List<GeoJsonFeature>();
        var number = 0;
        foreach (var f in doc.RootElement.GetProperty("features").EnumerateArray())
        {
            number++;
            var geometry = f.TryGetProperty("geometry", out var g) && g.ValueKind == JsonValueKind.Object
                ? g.Deserialize<Geometry>(GeometryOptions)
                : null;
            var properties = f.TryGetProperty("properties", out var p) ? p.Clone() : default;
            features.Add(new GeoJsonFeature(number, properties, geometry));
        }
        return features;
    }
}
