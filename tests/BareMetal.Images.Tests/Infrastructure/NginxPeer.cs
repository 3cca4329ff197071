using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace BareMetal.Images.Tests;

/// <summary>Debian's nginx started by the test: its own config, pid and logs in a temporary folder, 127.0.0.1 only.</summary>
public sealed class NginxPeer : IAsyncDisposable
{
    private readonly Process _process;

    private NginxPeer(Process process, TempDirectory folder, int port)
    {
        _process = process;
        Folder = folder;
        Port = port;
    }

    public TempDirectory Folder { get; }

    public string WebRoot => Folder.File("www");

    public int Port { get; }

    public Uri Url(string relative) => new($"http://127.0.0.1:{Port}/{relative}");

    public static async Task<NginxPeer> StartAsync(Action<string> populateWebRoot)
    {
        var folder = new TempDirectory();
        Directory.CreateDirectory(folder.File("www"));
        populateWebRoot(folder.File("www"));
        var port = FreePort();
        var config = $$"""
            daemon off;
            master_process off;
            worker_processes 1;
            pid {{folder.File("nginx.pid")}};
            error_log {{folder.File("error.log")}} warn;
            events { worker_connections 256; }
            http {
                access_log off;
                client_body_temp_path {{folder.File("body")}};
                proxy_temp_path {{folder.File("proxy")}};
                fastcgi_temp_path {{folder.File("fastcgi")}};
                uwsgi_temp_path {{folder.File("uwsgi")}};
                scgi_temp_path {{folder.File("scgi")}};
                sendfile on;
                server {
                    listen 127.0.0.1:{{port}};
                    root {{folder.File("www")}};
                }
            }
            """;
        File.WriteAllText(folder.File("nginx.conf"), config);
        var psi = new ProcessStartInfo("nginx") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { "-c", folder.File("nginx.conf"), "-p", folder.Path, "-e", folder.File("error.log") })
        {
            psi.ArgumentList.Add(a);
        }

        var process = Process.Start(psi)!;
        var peer = new NginxPeer(process, folder, port);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                var log = File.Exists(folder.File("error.log")) ? File.ReadAllText(folder.File("error.log")) : string.Empty;
                throw new InvalidOperationException($"nginx exited with {process.ExitCode}: {await process.StandardError.ReadToEndAsync()} {log}");
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return peer;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        await peer.DisposeAsync();
        throw new TimeoutException("nginx did not start listening within 10 s.");
    }

    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Folder.Dispose();
    }
}
