using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MimeKit;

namespace Kissos.Tests.Infrastructure;

/// <summary>
/// The local SMTP sink (tests/smtp-sink/smtp_sink.py on Debian's python3-aiosmtpd) that saves every message as a
/// file. scripts/test.sh starts one and sets KISSOS_TEST_SMTP (host:port) and KISSOS_TEST_SMTP_DIR; without them
/// the fixture starts its own for the test class.
/// </summary>
public sealed class SmtpSink : IAsyncLifetime
{
    private Process? _process;

    public string Host { get; private set; } = "127.0.0.1";
    public int Port { get; private set; }
    public string Folder { get; private set; } = "";

    public async Task InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable("KISSOS_TEST_SMTP") is { Length: > 0 } address
            && Environment.GetEnvironmentVariable("KISSOS_TEST_SMTP_DIR") is { Length: > 0 } folder)
        {
            (Host, Port, Folder) = (address.Split(':')[0], int.Parse(address.Split(':')[1]), folder);
            return;
        }
        Port = FreePort();
        Folder = Path.Combine(Path.GetTempPath(), "kissos-smtp-" + Guid.NewGuid().ToString("N")[..8]);
        var script = Path.Combine(TestEnvironment.RepositoryRoot(), "tests", "smtp-sink", "smtp_sink.py");
        _process = Process.Start(new ProcessStartInfo("/usr/bin/python3", [script, Port.ToString(), Folder]))!;
        var until = DateTime.UtcNow.AddSeconds(15);
        while (!await AcceptsAsync())
        {
            Assert.False(_process.HasExited, $"the SMTP sink exited with {(_process.HasExited ? _process.ExitCode : 0)}");
            Assert.True(DateTime.UtcNow < until, $"the SMTP sink did not listen on {Port} within 15 s");
            await Task.Delay(100);
        }
    }

    private async Task<bool> AcceptsAsync()
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(Host, Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>The messages received so far whose subject contains <paramref name="token"/>.</summary>
    public List<MimeMessage> Messages(string token) =>
        Directory.EnumerateFiles(Folder, "*.eml").Select(f => MimeMessage.Load(f)).Where(m => m.Subject?.Contains(token) == true).ToList();

    /// <summary>Waits until at least <paramref name="count"/> messages with the token arrived (or the timeout ran out).</summary>
    public async Task<List<MimeMessage>> WaitForAsync(string token, int count, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        List<MimeMessage> found;
        while ((found = Messages(token)).Count < count && DateTime.UtcNow < until) await Task.Delay(100);
        return found;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public Task DisposeAsync()
    {
        if (_process is null) return Task.CompletedTask;
        _process.Kill();
        _process.WaitForExit();
        Directory.Delete(Folder, recursive: true);
        return Task.CompletedTask;
    }
}
