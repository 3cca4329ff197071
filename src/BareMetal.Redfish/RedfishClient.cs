using System.Net;
using BareMetal.Redfish.Http;
using BareMetal.Redfish.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BareMetal.Redfish;

/// <summary>
/// A Redfish client for one BMC: systems, power, reset, boot override, virtual media. Every operation returns a
/// <see cref="RedfishResult{T}"/>; none throws for anything the BMC or the network does (only for the caller's own
/// cancellation). Disposing deletes the session, if one was opened.
/// </summary>
public sealed class RedfishClient : IAsyncDisposable
{
    private const string DefaultServiceRoot = "/redfish/v1/";
    private readonly RedfishTransport _transport;
    private readonly RedfishClientOptions _options;
    private readonly ILogger _logger;
    private ServiceRoot? _root;

    /// <summary>
    /// A client over a caller-owned <see cref="HttpClient"/> (its handler decides TLS trust; <see cref="RedfishClientOptions.Trust"/>
    /// is not applied). Prefer <see cref="Create"/>.
    /// </summary>
    public RedfishClient(HttpClient httpClient, RedfishClientOptions options, ILogger? logger = null)
        : this(httpClient ?? throw new ArgumentNullException(nameof(httpClient)), ownsHttp: false, options, logger)
    {
    }

    private RedfishClient(HttpClient httpClient, bool ownsHttp, RedfishClientOptions options, ILogger? logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _logger = logger ?? NullLogger.Instance;
        _transport = new RedfishTransport(httpClient, ownsHttp, options, _logger);
    }

    /// <summary>
    /// A client with its own connection handler that applies <see cref="RedfishClientOptions.Trust"/> to the BMC's
    /// certificate.
    /// </summary>
    /// <exception cref="ArgumentException">The options are invalid (the message names the field).</exception>
    public static RedfishClient Create(RedfishClientOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var handler = new SocketsHttpHandler
        {
            // Sessions, not cookies, carry authentication; a BMC's redirects are not followed with credentials.
            UseCookies = false,
            AllowAutoRedirect = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = options.RequestTimeout,
        };
        handler.SslOptions.RemoteCertificateValidationCallback = options.Trust.Callback;
        var http = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        return new RedfishClient(http, ownsHttp: true, options, logger);
    }

    /// <summary>The path of the open session, or null (basic auth, or not logged in yet).</summary>
    public string? SessionPath => _transport.SessionPath;

    /// <summary>Reads the service root (no credentials needed, DSP0266 §13.3.1).</summary>
    public async Task<RedfishResult<ServiceRoot>> GetServiceRootAsync(CancellationToken cancellationToken = default)
    {
        if (_root is not null)
        {
            return _root;
        }

        var result = await _transport.SendAnonymousAsync(HttpMethod.Get, DefaultServiceRoot, cancellationToken).ConfigureAwait(false);
        if (!result.IsSuccess)
        {
            return result.Error;
        }

        if (!RedfishJsonReader.TryReadServiceRoot(result.Value.Body, DefaultServiceRoot, out var root, out var error))
        {
            return error!;
        }

        _root = root;
        _transport.UseSessionsCollection(root.SessionsPath);
        return root;
    }

    /// <summary>
    /// Reads the service root and proves the credentials: opens the session (session mode) or reads the systems
    /// collection (basic mode). Other operations do this on first use; call it to fail early.
    /// </summary>
    public async Task<RedfishResult<ServiceRoot>> ConnectAsync(CancellationToken cancellationToken = default)
    {
        var root = await GetServiceRootAsync(cancellationToken).ConfigureAwait(false);
        if (!root.IsSuccess)
        {
            return root;
        }

        var systems = await GetSystemPathsAsync(cancellationToken).ConfigureAwait(false);
        return systems.IsSuccess ? root : systems.Error;
    }

    /// <summary>The paths of every system in the <c>Systems</c> collection.</summary>
    public async Task<RedfishResult<IReadOnlyList<string>>> GetSystemPathsAsync(CancellationToken cancellationToken = default)
    {
        var root = await GetServiceRootAsync(cancellationToken).ConfigureAwait(false);
        if (!root.IsSuccess)
        {
            return root.Error;
        }

        var path = root.Value.SystemsPath;
        if (path is null)
        {
            return new RedfishError(RedfishErrorKind.MissingProperty, "the service root has no 'Systems' link", DefaultServiceRoot);
        }

        var result = await _transport.SendAsync(HttpMethod.Get, path, null, null, cancellationToken).ConfigureAwait(false);
        if (!result.IsSuccess)
        {
            return result.Error;
        }

        return RedfishJsonReader.TryReadCollection(result.Value.Body, path, out var members, out var error) ? RedfishResult<IReadOnlyList<string>>.Success(members) : error!;
    }

    /// <summary>
    /// The system whose <c>Id</c> (or path) is <paramref name="systemId"/>; with null, the only system of the
    /// service (a service with several needs an id: <see cref="RedfishErrorKind.SystemNotFound"/>).
    /// </summary>
    public async Task<RedfishResult<ComputerSystem>> GetSystemAsync(string? systemId, CancellationToken cancellationToken = default)
    {
        var paths = await GetSystemPathsAsync(cancellationToken).ConfigureAwait(false);
        if (!paths.IsSuccess)
        {
            return paths.Error;
        }

        string? match;
        if (systemId is null)
        {
            if (paths.Value.Count != 1)
            {
                return new RedfishError(RedfishErrorKind.SystemNotFound, $"the service has {paths.Value.Count} systems; name one ({string.Join(", ", paths.Value.Take(10))})");
            }

            match = paths.Value[0];
        }
        else
        {
            match = paths.Value.FirstOrDefault(p => p == systemId || LastSegment(p) == systemId);
            if (match is null)
            {
                // The Id property need not equal the path's last segment: read each system to compare.
                foreach (var path in paths.Value)
                {
                    var candidate = await GetSystemByPathAsync(path, cancellationToken).ConfigureAwait(false);
                    if (candidate.IsSuccess && candidate.Value.Id == systemId)
                    {
                        return candidate;
                    }
                }

                return new RedfishError(RedfishErrorKind.SystemNotFound, $"no system has id '{systemId}' (systems: {string.Join(", ", paths.Value.Take(10))})");
            }
        }

        return await GetSystemByPathAsync(match, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads the system at <paramref name="path"/>.</summary>
    public async Task<RedfishResult<ComputerSystem>> GetSystemByPathAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        var result = await _transport.SendAsync(HttpMethod.Get, path, null, null, cancellationToken).ConfigureAwait(false);
        if (!result.IsSuccess)
        {
            return result.Error;
        }

        return RedfishJsonReader.TryReadComputerSystem(result.Value.Body, path, result.Value.ETag, out var system, out var error) ? system : error!;
    }

    /// <summary>Reads the system's current power state.</summary>
    public async Task<RedfishResult<PowerState>> GetPowerStateAsync(ComputerSystem system, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(system);
        var fresh = await GetSystemByPathAsync(system.Path, cancellationToken).ConfigureAwait(false);
        return fresh.IsSuccess ? fresh.Value.PowerState : fresh.Error;
    }

    /// <summary>
    /// Resets the system (<c>#ComputerSystem.Reset</c>) with <paramref name="resetType"/>, only if the BMC lists it in
    /// <c>ResetType@Redfish.AllowableValues</c> or the action's ActionInfo; follows the task monitor when the BMC
    /// answers 202.
    /// </summary>
    public async Task<RedfishResult<RedfishCompletion>> ResetAsync(ComputerSystem system, ResetType resetType, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(system);
        var name = RedfishNames.Of(resetType);
        if (system.ResetTarget is null)
        {
            return new RedfishError(RedfishErrorKind.MissingProperty, "the system has no 'Actions.#ComputerSystem.Reset.target'", system.Path);
        }

        var allowed = system.AllowedResetTypes;
        if (allowed.Count == 0 && system.ResetActionInfo is { } actionInfo)
        {
            var info = await _transport.SendAsync(HttpMethod.Get, actionInfo, null, null, cancellationToken).ConfigureAwait(false);
            if (!info.IsSuccess)
            {
                return info.Error;
            }

            if (!RedfishJsonReader.TryReadActionInfoValues(info.Value.Body, actionInfo, "ResetType", out allowed, out var infoError))
            {
                return infoError!;
            }
        }

        if (allowed.Count == 0 ? _options.RequireAdvertisedResetTypes : !allowed.Contains(name))
        {
            var listed = allowed.Count == 0 ? "the BMC lists no allowable reset types" : "the BMC allows " + string.Join(", ", allowed);
            return new RedfishError(RedfishErrorKind.ResetTypeNotAllowed, $"reset type {name} is not allowed: {listed}", system.ResetTarget);
        }

        var body = RedfishTransport.Serialize(new ResetRequestDto { ResetType = name }, RedfishJsonContext.Default.ResetRequestDto);
        return await PostActionAsync(system.ResetTarget, body, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Sets the boot source override (PATCH <c>Boot</c>, with If-Match when the BMC gave an ETag; once more with a
    /// fresh ETag after a 412). <paramref name="target"/> must be among the BMC's allowable values when it lists them.
    /// </summary>
    public async Task<RedfishResult<RedfishCompletion>> SetBootOverrideAsync(
        ComputerSystem system,
        BootSource target,
        BootOverrideEnabled enabled,
        BootSourceMode mode = BootSourceMode.Unknown,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(system);
        var targetName = RedfishNames.Of(target);
        if (system.Boot is { AllowedTargets.Count: > 0 } boot && !boot.AllowedTargets.Contains(targetName))
        {
            return new RedfishError(RedfishErrorKind.BootSourceNotAllowed, $"boot source {targetName} is not allowed: the BMC allows {string.Join(", ", boot.AllowedTargets)}", system.Path);
        }

        var patch = new BootPatchDto
        {
            Boot = new BootPatchBodyDto
            {
                BootSourceOverrideTarget = targetName,
                BootSourceOverrideEnabled = RedfishNames.Of(target == BootSource.None ? BootOverrideEnabled.Disabled : enabled),
                BootSourceOverrideMode = mode == BootSourceMode.Unknown ? null : RedfishNames.Of(mode),
            },
        };
        var body = RedfishTransport.Serialize(patch, RedfishJsonContext.Default.BootPatchDto);
        var result = await _transport.SendAsync(HttpMethod.Patch, system.Path, body, system.ETag, cancellationToken).ConfigureAwait(false);
        if (!result.IsSuccess && result.Error.Kind == RedfishErrorKind.PreconditionFailed)
        {
            // Someone changed the system since it was read: read it again and set the same absolute value once more.
            var fresh = await GetSystemByPathAsync(system.Path, cancellationToken).ConfigureAwait(false);
            if (!fresh.IsSuccess)
            {
                return fresh.Error;
            }

            result = await _transport.SendAsync(HttpMethod.Patch, system.Path, body, fresh.Value.ETag, cancellationToken).ConfigureAwait(false);
        }

        return result.IsSuccess ? await CompleteAsync(result.Value, system.Path, cancellationToken).ConfigureAwait(false) : result.Error;
    }

    /// <summary>
    /// The system's virtual media devices: its own <c>VirtualMedia</c> collection, else that of its first manager
    /// (older services). <see cref="RedfishErrorKind.VirtualMediaNotOffered"/> when there is neither.
    /// </summary>
    public async Task<RedfishResult<IReadOnlyList<VirtualMediaDevice>>> GetVirtualMediaAsync(ComputerSystem system, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(system);
        var collection = system.VirtualMediaPath;
        if (collection is null && system.ManagedBy.Count > 0)
        {
            var manager = await _transport.SendAsync(HttpMethod.Get, system.ManagedBy[0], null, null, cancellationToken).ConfigureAwait(false);
            if (!manager.IsSuccess)
            {
                return manager.Error;
            }

            if (!RedfishJsonReader.TryDeserialize(manager.Value.Body, RedfishJsonContext.Default.ManagerDto, system.ManagedBy[0], out var dto, out var managerError))
            {
                return managerError!;
            }

            collection = dto.VirtualMedia?.Id;
        }

        if (collection is null)
        {
            return new RedfishError(RedfishErrorKind.VirtualMediaNotOffered, "neither the system nor its manager has a 'VirtualMedia' collection", system.Path);
        }

        var list = await _transport.SendAsync(HttpMethod.Get, collection, null, null, cancellationToken).ConfigureAwait(false);
        if (!list.IsSuccess)
        {
            return list.Error;
        }

        if (!RedfishJsonReader.TryReadCollection(list.Value.Body, collection, out var members, out var listError))
        {
            return listError!;
        }

        var devices = new List<VirtualMediaDevice>(members.Count);
        foreach (var member in members)
        {
            var item = await _transport.SendAsync(HttpMethod.Get, member, null, null, cancellationToken).ConfigureAwait(false);
            if (!item.IsSuccess)
            {
                return item.Error;
            }

            if (!RedfishJsonReader.TryReadVirtualMedia(item.Value.Body, member, out var device, out var itemError))
            {
                return itemError!;
            }

            devices.Add(device);
        }

        return devices;
    }

    /// <summary>Inserts the image at <paramref name="image"/> (read by the BMC) into <paramref name="device"/>, write-protected.</summary>
    public async Task<RedfishResult<RedfishCompletion>> InsertMediaAsync(VirtualMediaDevice device, Uri image, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(image);
        if (device.InsertTarget is null)
        {
            return new RedfishError(RedfishErrorKind.VirtualMediaNotOffered, "the device offers no '#VirtualMedia.InsertMedia' action", device.Path);
        }

        var body = RedfishTransport.Serialize(new InsertMediaRequestDto { Image = image.AbsoluteUri }, RedfishJsonContext.Default.InsertMediaRequestDto);
        return await PostActionAsync(device.InsertTarget, body, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Ejects whatever <paramref name="device"/> holds.</summary>
    public async Task<RedfishResult<RedfishCompletion>> EjectMediaAsync(VirtualMediaDevice device, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(device);
        if (device.EjectTarget is null)
        {
            return new RedfishError(RedfishErrorKind.VirtualMediaNotOffered, "the device offers no '#VirtualMedia.EjectMedia' action", device.Path);
        }

        var body = RedfishTransport.Serialize(new EmptyRequestDto(), RedfishJsonContext.Default.EmptyRequestDto);
        return await PostActionAsync(device.EjectTarget, body, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes the session (if one is open) and releases the connections this client owns.</summary>
    public async ValueTask DisposeAsync()
    {
        using (var bounded = new CancellationTokenSource(_options.RequestTimeout))
        {
            try
            {
                await _transport.LogOutAsync(bounded.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The BMC did not answer the DELETE in time; the session expires on its own (SessionTimeout).
            }
        }

        _transport.Dispose();
    }

    private async Task<RedfishResult<RedfishCompletion>> PostActionAsync(string target, byte[] body, CancellationToken cancellationToken)
    {
        var result = await _transport.SendAsync(HttpMethod.Post, target, body, null, cancellationToken).ConfigureAwait(false);
        return result.IsSuccess ? await CompleteAsync(result.Value, target, cancellationToken).ConfigureAwait(false) : result.Error;
    }

    /// <summary>
    /// A 2xx answer to an operation; for 202 Accepted with a Location, follows the task monitor (DSP0266 §12.2):
    /// 202 while running, then the operation's own answer; a monitor that answers with a Task resource ends when
    /// its TaskState does.
    /// </summary>
    private async Task<RedfishResult<RedfishCompletion>> CompleteAsync(RedfishResponse response, string resource, CancellationToken cancellationToken)
    {
        if (response.StatusCode != (int)HttpStatusCode.Accepted || response.Location is null)
        {
            RedfishJsonReader.TryReadTask(response.Body, resource, out var state, out var messages);
            return new RedfishCompletion(response.StatusCode, state, messages);
        }

        var monitor = response.Location;
        var deadline = DateTimeOffset.UtcNow + _options.TaskTimeout;
        var wait = response.RetryAfter;
        while (true)
        {
            var delay = wait is { } asked && asked > TimeSpan.Zero && asked < _options.TaskTimeout ? asked : _options.TaskPollInterval;
            if (DateTimeOffset.UtcNow + delay > deadline)
            {
                return new RedfishError(RedfishErrorKind.TaskTimedOut, $"the task was still running after {_options.TaskTimeout.TotalSeconds:0.###} s", monitor);
            }

            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            var poll = await _transport.SendAsync(HttpMethod.Get, monitor, null, null, cancellationToken).ConfigureAwait(false);
            if (!poll.IsSuccess)
            {
                return poll.Error;
            }

            var answer = poll.Value;
            var hasTask = RedfishJsonReader.TryReadTask(answer.Body, monitor, out var taskState, out var taskMessages);
            RedfishLog.TaskPolled(_logger, monitor, answer.StatusCode, taskState);
            wait = answer.RetryAfter;
            if (answer.StatusCode == (int)HttpStatusCode.Accepted)
            {
                continue;
            }

            if (hasTask)
            {
                switch (taskState)
                {
                    case "Completed":
                        return new RedfishCompletion(answer.StatusCode, taskState, taskMessages);
                    case "Exception" or "Killed" or "Cancelled" or "Interrupted":
                        return new RedfishError(RedfishErrorKind.TaskFailed, $"the task ended {taskState}", monitor, answer.StatusCode, taskMessages);
                    default:
                        // New, Starting, Running, Pending, Stopping, Suspended, Service: a monitor answering 200 with the task.
                        continue;
                }
            }

            return new RedfishCompletion(answer.StatusCode, null, []);
        }
    }

    private static string LastSegment(string path) => path.TrimEnd('/').Split('/')[^1];
}
