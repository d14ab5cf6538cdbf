using System.IO.Compression;

namespace Kissos.Tests.Infrastructure;

/// <summary>A copy of the shared data folder (as symlinks) in which a test replaces single files with broken ones.</summary>
public sealed class DataFolder : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "kissos-data-" + Guid.NewGuid().ToString("N")[..8]);

    public DataFolder()
    {
        foreach (var file in Directory.EnumerateFiles(TestEnvironment.DataPath, "*", SearchOption.AllDirectories))
        {
            var target = System.IO.Path.Combine(Path, System.IO.Path.GetRelativePath(TestEnvironment.DataPath, file));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
            File.CreateSymbolicLink(target, System.IO.Path.GetFullPath(file));
        }
    }

    /// <summary>Replaces a file (gzipped or not) with the result of <paramref name="edit"/> on its text.</summary>
    public void Edit(string relativePath, Func<string, string> edit)
    {
        var target = System.IO.Path.Combine(Path, relativePath);
        var gzipped = target.EndsWith(".gz", StringComparison.Ordinal);
        string text;
        using (var input = File.OpenRead(target))
        using (var reader = new StreamReader(gzipped ? new GZipStream(input, CompressionMode.Decompress) : input))
            text = reader.ReadToEnd();
        File.Delete(target);
        using var output = File.Create(target);
        using var writer = new StreamWriter(gzipped ? new GZipStream(output, CompressionLevel.Fastest) : output);
        writer.Write(edit(text));
    }

    /// <summary>Edits the lines of a text file; line numbers are 1-based like an import's error report.</summary>
    public void EditLine(string relativePath, int lineNumber, Func<string, string> edit) =>
        Edit(relativePath, text =>
        {
            var lines = text.Split('\n');
            lines[lineNumber - 1] = edit(lines[lineNumber - 1]);
            return string.Join('\n', lines);
        });

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
