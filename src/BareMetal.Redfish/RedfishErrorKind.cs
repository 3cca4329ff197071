namespace BareMetal.Redfish;

/// <summary>Every way a Redfish operation can fail; the vocabulary of <see cref="RedfishError"/>.</summary>
public enum RedfishErrorKind
{
    /// <summary>The body is not JSON, or a property has the wrong JSON type.</summary>
    MalformedJson = 1,

    /// <summary>The JSON is well formed but lacks a property the operation needs (a link, an action target).</summary>
    MissingProperty,

    /// <summary>A link in the BMC's answer is not a path on the same service (another host, a bad URI).</summary>
    InvalidLink,

    /// <summary>400: the BMC rejected the request body or a value in it.</summary>
    BadRequest,

    /// <summary>401: wrong user name or password, or the session ended and could not be renewed.</summary>
    Unauthorized,

    /// <summary>403: the account lacks the privilege for the operation.</summary>
    Forbidden,

    /// <summary>404: the resource (system, action, session) does not exist.</summary>
    NotFound,

    /// <summary>405: the BMC does not allow this method on the resource.</summary>
    MethodNotAllowed,

    /// <summary>412: the resource changed since it was read (If-Match did not match its ETag).</summary>
    PreconditionFailed,

    /// <summary>Any other 4xx answer.</summary>
    ClientError,

    /// <summary>A 5xx answer, after the retries the policy allows.</summary>
    ServerError,

    /// <summary>The connection could not be made, or the BMC closed it before a whole answer arrived.</summary>
    ConnectionFailed,

    /// <summary>No answer within the request timeout, after the retries the policy allows.</summary>
    Timeout,

    /// <summary>The BMC's certificate did not match the configured trust (pin, CA file or system roots).</summary>
    CertificateRejected,

    /// <summary>The BMC does not advertise the requested reset type in <c>ResetType@Redfish.AllowableValues</c>.</summary>
    ResetTypeNotAllowed,

    /// <summary>The BMC does not advertise the requested boot source in <c>BootSourceOverrideTarget@Redfish.AllowableValues</c>.</summary>
    BootSourceNotAllowed,

    /// <summary>The BMC offers no virtual media device, or none that can take the requested action.</summary>
    VirtualMediaNotOffered,

    /// <summary>A task monitor reported the long operation as failed (Exception, Killed, Cancelled).</summary>
    TaskFailed,

    /// <summary>A task monitor still reported the operation as running when the task timeout expired.</summary>
    TaskTimedOut,

    /// <summary>The service has no system with the requested id, or several systems and none was named.</summary>
    SystemNotFound,
}
