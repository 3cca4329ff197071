using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;

namespace BareMetal.Host.Tests.Infrastructure;

/// <summary>How requests reach an <see cref="InProcessHost"/>.</summary>
internal enum HostTransport
{
    /// <summary>
    /// TestServer: requests go straight into the host's pipeline. The host is told it is 192.0.2.1:8080 (the
    /// address its scripts and workflow URLs advertise; nothing binds it) and every request comes from 192.0.2.2.
    /// </summary>
    TestServer,

    /// <summary>
    /// Kestrel, where the program itself listens: 127.0.0.1 and a free port. For clients that need a real socket
    /// (a browser) and for limits only Kestrel enforces (a chunked request body).
    /// </summary>
    Loopback,
}

/// <summary>
/// The reference host run in this process (<see cref="NetbootHostFactory"/>) with the http service only: no DHCP or
/// TFTP server is composed, so nothing binds ports 67 or 69 and neither root nor a namespace is needed. Its layout
/// holds <see cref="HostFiles"/>; the admin token is <see cref="HostLayout.AdminToken"/>.
/// </summary>
internal sealed class InProcessHost : IAsyncDisposable
{
    /// <summary>The address the host is given with <see cref="HostTransport.TestServer"/>.</summary>
    public const string AdvertisedAddress = "192.0.2.1";

    /// <summary>The client address every TestServer request carries (the lab's client side).</summary>
    public const string ClientAddress = "192.0.2.2";

    private readonly NetbootHostFactory _factory;

    private InProcessHost(NetbootHostFactory factory, HostLayout layout, HostFiles files, HttpClient client)
    {
        _factory = factory;
        Layout = layout;
        Files = files;
        Client = client;
    }

    public HostLayout Layout { get; }

    public HostFiles Files { get; }

    /// <summary>A client whose base address is the host's (http://192.0.2.1:8080 or http://127.0.0.1:PORT).</summary>
    public HttpClient Client { get; }

    public Uri BaseAddress => Client.BaseAddress!;

    public static InProcessHost Start(HostTransport transport)
    {
        var layout = new HostLayout();
        try
        {
            var loopback = transport == HostTransport.Loopback;

            // On loopback the host serves 127.0.0.0/24, and the inventory's reservation must lie in it.
            var files = HostFiles.Write(layout, loopback ? "127.0.0.50" : TestMachines.ReservedIp);
            var port = loopback ? FreeTcpPort() : 8080;
            var factory = new NetbootHostFactory(
                new Dictionary<string, string?>
                {
                    ["services"] = "http",
                    ["address"] = loopback ? "127.0.0.1" : $"{AdvertisedAddress}/24",
                    ["http-port"] = port.ToString(CultureInfo.InvariantCulture),
                    ["images"] = layout.Images,
                    ["inventory"] = layout.InventoryPath,
                    ["data"] = layout.Data,
                    ["admin-token"] = HostLayout.AdminToken,
                },
                kestrel: loopback);
            try
            {
                HttpClient client;
                if (loopback)
                {
                    factory.StartServer();
                    client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
                }
                else
                {
                    var handler = factory.Server.CreateHandler(context => context.Connection.RemoteIpAddress = IPAddress.Parse(ClientAddress));
                    client = new HttpClient(handler) { BaseAddress = new Uri($"http://{AdvertisedAddress}:{port}") };
                }

                client.Timeout = TimeSpan.FromSeconds(30);
                return new InProcessHost(factory, layout, files, client);
            }
            catch
            {
                factory.Dispose();
                throw;
            }
        }
        catch
        {
            layout.Dispose();
            throw;
        }
    }

    public Task<HttpAnswer> GetAsync(string path, string? token = null) => SendAsync(HttpMethod.Get, path, token, null);

    public Task<HttpAnswer> PostAsync(string path, string? token, string body) => SendAsync(HttpMethod.Post, path, token, body);

    /// <summary>Sends a request; a JSON <paramref name="body"/> goes with Content-Type application/json, as curl sent it.</summary>
    public Task<HttpAnswer> SendAsync(HttpMethod method, string path, string? token, string? body, Action<HttpRequestMessage>? configure = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, new UTF8Encoding(false), new MediaTypeHeaderValue("application/json"));
        }

        configure?.Invoke(request);
        return SendAsync(request);
    }

    public async Task<HttpAnswer> SendAsync(HttpRequestMessage request)
    {
        using (request)
        {
            using var response = await Client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            var headers = new StringBuilder();
            foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
            {
                headers.Append(name).Append(": ").AppendJoin(", ", values).Append('\n');
            }

            var contentType = response.Content.Headers.TryGetValues("Content-Type", out var types) ? string.Join(", ", types) : "";
            return new HttpAnswer((int)response.StatusCode, contentType, body, headers.ToString());
        }
    }

    /// <summary>Fetches a binary body, optionally a byte range ("1000-1999"), and returns the status and the bytes.</summary>
    public async Task<(int Status, byte[] Body)> DownloadAsync(string path, string? range = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (range is not null)
        {
            request.Headers.TryAddWithoutValidation("Range", "bytes=" + range);
        }

        using var response = await Client.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsByteArrayAsync());
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _factory.DisposeAsync();
        Layout.Dispose();
    }

    /// <summary>
    /// A TCP port nothing listens on now: the host's --http-port takes 1..65535, not 0. Another program could take
    /// it before the host binds it; the start then fails with the host's own "cannot listen" error.
    /// </summary>
    private static int FreeTcpPort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }
}
