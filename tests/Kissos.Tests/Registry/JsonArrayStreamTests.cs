using System.Text;
using System.Text.Json;
using Kissos.Common;
using Kissos.Registry;

namespace Kissos.Tests.Registry;

/// <summary>The streaming reader of polozky[]: element by element, whatever the read sizes, never the whole document.</summary>
public class JsonArrayStreamTests
{
    private sealed record Item(int A, string? B);

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    /// <summary>A stream that hands out at most a few bytes per read, as a slow network or a pipe may.</summary>
    private sealed class Trickle(byte[] data, int chunk) : MemoryStream(data)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default) =>
            base.ReadAsync(buffer[..Math.Min(chunk, buffer.Length)], ct);
    }

    private static async Task<List<ArrayItem<T>>> ReadAllAsync<T>(string json, int chunk = 3)
    {
        var items = new List<ArrayItem<T>>();
        await foreach (var item in JsonArrayStream.ReadAsync<T>(new Trickle(Encoding.UTF8.GetBytes(json), chunk), "polozky", Options))
            items.Add(item);
        return items;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4096)]
    public async Task Reads_the_items_between_other_properties_whatever_the_read_size(int chunk)
    {
        const string Json = """
            {"hlavicka": {"polozky": [9, 9], "text": "ne\"polozky\""}, "polozky": [
              {"a": 1, "b": "první ž"}, {"a": 2, "b": null, "navic": {"x": [1, 2, {"y": "}"}]}},
              {"a": 3}
            ], "pocet": 3}
            """;

        var items = await ReadAllAsync<Item>(Json, chunk);

        Assert.Equal([new Item(1, "první ž"), new Item(2, null), new Item(3, null)], items.Select(i => i.Value));
        Assert.Equal([1, 2, 3], items.Select(i => i.Number));
    }

    [Fact]
    public async Task A_bad_item_is_reported_by_its_number_and_the_rest_is_read()
    {
        var items = await ReadAllAsync<Item>("""{"polozky": [{"a": 1}, {"a": "x"}, 7, {"a": 4}]}""");

        Assert.Equal([1, 2, 3, 4], items.Select(i => i.Number));
        Assert.Null(items[0].Error);
        Assert.StartsWith("nečitelná položka", items[1].Error);
        Assert.Equal("položka není objekt", items[2].Error);
        Assert.Equal(4, items[3].Value!.A);
    }

    [Theory]
    [InlineData("""{"polozky": [{"a": 1}, {"a": 2""")]
    [InlineData("""{"polozky": [{"a": 1}]""")]
    [InlineData("""{"polozky": [{"a": 1}]} trailing""")]
    [InlineData("""[{"a": 1}]""")]
    public async Task A_truncated_or_malformed_document_throws(string json)
    {
        var failure = await Assert.ThrowsAsync<MalformedJsonException>(() => ReadAllAsync<Item>(json));

        Assert.Contains("JSON", failure.Message);
    }

    [Fact]
    public async Task A_document_without_the_array_is_refused()
    {
        var failure = await Assert.ThrowsAsync<MalformedJsonException>(() => ReadAllAsync<Item>("""{"data": []}"""));

        Assert.Contains("polozky", failure.Message);
    }

    [Fact]
    public async Task The_official_format_maps_onto_the_item_model()
    {
        var items = await ReadAllAsync<RpssItem>(await File.ReadAllTextAsync(RpssFixtures.V1), 4096);

        Assert.Equal(11, items.Count);
        Assert.All(items, i => Assert.Null(i.Error));
        Assert.Equal("00845451", RpssJson.Text(items[0].Value!.Poskytovatel!.Ico));
    }
}
