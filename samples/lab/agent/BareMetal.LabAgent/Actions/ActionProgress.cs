namespace BareMetal.LabAgent.Actions;

/// <summary>A progress snapshot of a long action (an image stream): bytes done, of how many if known.</summary>
/// <param name="BytesDone">Bytes written (or processed) so far.</param>
/// <param name="BytesTotal">Bytes expected in all, when known.</param>
/// <param name="Message">The line the timeline shows, e.g. "1048576 bytes written of 2097152 received".</param>
public readonly record struct ActionProgress(long BytesDone, long? BytesTotal, string Message);
