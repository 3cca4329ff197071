namespace BareMetal.Redfish;

/// <summary>
/// One entry of a Redfish <c>@Message.ExtendedInfo</c> array or a task's <c>Messages</c> (DSP0266 §9.6, the
/// Message schema): what the BMC itself said about a failure.
/// </summary>
/// <param name="MessageId">The registry message id, such as <c>Base.1.8.ActionParameterValueNotInList</c>.</param>
/// <param name="Message">The human-readable text.</param>
/// <param name="Severity">The severity (<c>OK</c>, <c>Warning</c>, <c>Critical</c>) when given.</param>
/// <param name="Resolution">What the BMC suggests doing, when given.</param>
public sealed record RedfishMessage(string? MessageId, string? Message, string? Severity, string? Resolution);
