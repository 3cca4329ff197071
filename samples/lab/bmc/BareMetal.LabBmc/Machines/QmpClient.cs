using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace BareMetal.LabBmc.Machines;

/// <summary>
/// The QEMU Machine Protocol over QEMU's unix socket: one connection per command (greeting, then
/// <c>qmp_capabilities</c>, then the command), so a restarted QEMU needs no reconnect logic. Events that arrive
/// between command and answer are skipped.
/// </summary>
public static class QmpClient
{
    /// <summary>Runs <paramref name="command"/> and returns its <c>return</c> value; throws <see cref="QmpException"/> on an error answer or I/O failure.</summary>
    public static async Task<JsonNode?> ExecuteAsync(string socketPath, string command, JsonObject? arguments, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), timeout.Token);
            await using var stream = new NetworkStream(socket, ownsSocket: false);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            await ReadAnswerAsync(reader, greeting: true, timeout.Token);
            await SendAsync(stream, "qmp_capabilities", null, timeout.Token);
            await ReadAnswerAsync(reader, greeting: false, timeout.Token);
            await SendAsync(stream, command, arguments, timeout.Token);
            return await ReadAnswerAsync(reader, greeting: false, timeout.Token);
        }
        catch (Exception exception) when (exception is SocketException or IOException or OperationCanceledException or JsonException && !cancellationToken.IsCancellationRequested)
        {
            throw new QmpException($"QMP {command} on {socketPath} failed: {exception.Message}", exception);
        }
    }

    private static async Task SendAsync(Stream stream, string command, JsonObject? arguments, CancellationToken cancellationToken)
    {
        var message = new JsonObject { ["execute"] = command };
        if (arguments is not null)
        {
            message["arguments"] = arguments;
        }

        await stream.WriteAsync(Encoding.UTF8.GetBytes(message.ToJsonString() + "\n"), cancellationToken);
    }

    private static async Task<JsonNode?> ReadAnswerAsync(StreamReader reader, bool greeting, CancellationToken cancellationToken)
    {
        while (true)
        {
            var line = await reader.ReadLineAsync(cancellationToken) ?? throw new IOException("QEMU closed the QMP connection");
            var node = JsonNode.Parse(line)?.AsObject() ?? throw new IOException("QEMU sent JSON null");
            if (greeting && node.ContainsKey("QMP"))
            {
                return node;
            }

            if (node.TryGetPropertyValue("return", out var value))
            {
                return value;
            }

            if (node["error"] is JsonObject error)
            {
                throw new QmpException($"QEMU refused: {error["class"]}: {error["desc"]}", null);
            }

            // {"event": ...}: asynchronous notifications, not the answer.
        }
    }
}

/// <summary>A QMP command failed (QEMU's error answer, or the socket).</summary>
public sealed class QmpException(string message, Exception? inner) : Exception(message, inner);
