using System.Diagnostics.CodeAnalysis;

namespace BareMetal.Redfish;

/// <summary>The outcome of a Redfish operation that yields a value: the value, or a <see cref="RedfishError"/>.</summary>
/// <typeparam name="T">The value's type.</typeparam>
[SuppressMessage("Design", "CA1000:Do not declare static members on generic types", Justification = "Factory methods of a result type.")]
public readonly struct RedfishResult<T>
{
    private readonly T? _value;

    private RedfishResult(T? value, RedfishError? error)
    {
        _value = value;
        Error = error;
    }

    /// <summary>True when the operation succeeded and <see cref="Value"/> holds its value.</summary>
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    /// <summary>The error of a failed operation; null on success.</summary>
    public RedfishError? Error { get; }

    /// <summary>The value; throws <see cref="InvalidOperationException"/> on a failed result (check <see cref="IsSuccess"/>).</summary>
    public T Value => Error is null ? _value! : throw new InvalidOperationException("The operation failed: " + Error);

    /// <summary>A successful result.</summary>
    public static RedfishResult<T> Success(T value) => new(value, null);

    /// <summary>A failed result.</summary>
    public static RedfishResult<T> Failure(RedfishError error) => new(default, error ?? throw new ArgumentNullException(nameof(error)));

    /// <summary>A successful result.</summary>
    public static implicit operator RedfishResult<T>(T value) => Success(value);

    /// <summary>A failed result.</summary>
    public static implicit operator RedfishResult<T>(RedfishError error) => Failure(error);

    /// <summary>The value or the error, for logs.</summary>
    public override string ToString() => Error is null ? $"Success({_value})" : $"Failure({Error})";
}
