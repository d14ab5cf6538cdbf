using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace Kissos.Common;

/// <summary>One element of a streamed array: its 1-based number, and the value or why it could not be read.</summary>
public sealed record ArrayItem<T>(int Number, T? Value, string? Error);

/// <summary>Thrown when the file itself is not complete, valid JSON of the expected shape (truncated, cut off, garbage).</summary>
public sealed class MalformedJsonException(string message) : Exception(message);

/// <summary>
/// Streams the elements of the array under one property of the root object (<c>{"polozky": [ … ]}</c>) without
/// loading the document: a Utf8JsonReader walks a refilled buffer, each element is deserialized on its own once
/// its bytes are complete, and the buffer only ever holds the largest element plus one read.
/// </summary>
public static class JsonArrayStream
{
    private const int InitialBuffer = 1 << 16;
    private const int MaxElementBytes = 64 << 20;

    public static async IAsyncEnumerable<ArrayItem<T>> ReadAsync<T>(
        Stream stream, string property, JsonSerializerOptions options, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var cursor = new Cursor(Encoding.UTF8.GetBytes(property));
        var buffer = new byte[InitialBuffer];
        int start = 0, end = 0;
        var final = false;
        var batch = new List<ArrayItem<T>>();
        while (true)
        {
            int consumed;
            try
            {
                consumed = cursor.Advance(buffer.AsSpan(start, end - start), final, options, batch);
            }
            catch (JsonException e)
            {
                throw new MalformedJsonException(
                    $"soubor je neúplný nebo poškozený (useknutý?), neplatný JSON za bajtem {cursor.Offset}: {e.Message}");
            }
            cursor.Offset += consumed;
            start += consumed;
            foreach (var item in batch) yield return item;
            batch.Clear();
            if (cursor.Finished) break;
            if (final) throw new MalformedJsonException("soubor je neúplný: končí uprostřed JSON (useknutý?)");

            // Keep the unread tail, grow when one element does not fit, and read on.
            if (start > 0)
            {
                Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                end -= start;
                start = 0;
            }
            if (end == buffer.Length)
            {
                if (buffer.Length >= MaxElementBytes)
                    throw new MalformedJsonException($"položka {cursor.Items + 1} je delší než {MaxElementBytes >> 20} MB");
                Array.Resize(ref buffer, buffer.Length * 2);
            }
            var read = await stream.ReadAsync(buffer.AsMemory(end), ct);
            end += read;
            final = read == 0;
        }
        if (!cursor.FoundArray) throw new MalformedJsonException($"v souboru chybí pole \"{property}\"");
    }

    /// <summary>Where the reader is in the document; the JSON reader's own state is carried between buffers.</summary>
    private sealed class Cursor(byte[] property)
    {
        private enum Phase { Root, Properties, Items, End }

        private Phase _phase = Phase.Root;
        private JsonReaderState _state;

        public long Offset { get; set; }
        public int Items { get; private set; }
        public bool FoundArray { get; private set; }
        public bool Finished { get; private set; }

        /// <summary>Reads what the buffer completes; returns how many bytes are done with (the rest is re-read).</summary>
        public int Advance<T>(ReadOnlySpan<byte> data, bool final, JsonSerializerOptions options, List<ArrayItem<T>> output)
        {
            var reader = new Utf8JsonReader(data, final, _state);
            while (true)
            {
                // Each step reads a whole token group or nothing: without enough bytes it goes back to the checkpoint.
                var checkpoint = reader.BytesConsumed;
                var checkpointState = reader.CurrentState;
                if (!Step(ref reader, data, options, output))
                {
                    _state = checkpointState;
                    return (int)checkpoint;
                }
                if (Finished) return (int)reader.BytesConsumed;
            }
        }

        private bool Step<T>(ref Utf8JsonReader reader, ReadOnlySpan<byte> data, JsonSerializerOptions options, List<ArrayItem<T>> output)
        {
            if (!reader.Read())
            {
                if (reader.IsFinalBlock && _phase == Phase.End) Finished = true;
                return Finished;
            }
            switch (_phase)
            {
                case Phase.Root:
                    if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException("kořen souboru není objekt");
                    _phase = Phase.Properties;
                    return true;
                case Phase.Properties when reader.TokenType == JsonTokenType.EndObject:
                    _phase = Phase.End;
                    return true;
                case Phase.Properties when reader.ValueTextEquals(property):
                    if (!reader.Read()) return false;
                    if (reader.TokenType != JsonTokenType.StartArray) throw new JsonException("položky nejsou pole");
                    FoundArray = true;
                    _phase = Phase.Items;
                    return true;
                case Phase.Properties:
                    return reader.TrySkip();
                case Phase.Items when reader.TokenType == JsonTokenType.EndArray:
                    _phase = Phase.Properties;
                    return true;
                case Phase.Items:
                    var itemStart = (int)reader.TokenStartIndex;
                    if (!reader.TrySkip()) return false;
                    Items++;
                    output.Add(Deserialize<T>(data[itemStart..(int)reader.BytesConsumed], reader.TokenType, options));
                    return true;
                default:
                    throw new JsonException("za koncem kořenového objektu následují další data");
            }
        }

        private ArrayItem<T> Deserialize<T>(ReadOnlySpan<byte> json, JsonTokenType endToken, JsonSerializerOptions options)
        {
            if (endToken != JsonTokenType.EndObject) return new ArrayItem<T>(Items, default, "položka není objekt");
            try
            {
                return new ArrayItem<T>(Items, JsonSerializer.Deserialize<T>(json, options), null);
            }
            catch (JsonException e)
            {
                return new ArrayItem<T>(Items, default, $"nečitelná položka ({e.Path}): {e.Message}");
            }
        }
    }
}
