using System.Diagnostics.CodeAnalysis;

namespace BareMetal.Ipmi;

/// <summary>The outcome of an IPMI operation: a value, or an <see cref="IpmiError"/>.</summary>
/// <typeparam name="T">The value's type.</typeparam>
[SuppressMessage("Design", "CA1000:Do not declare static members on generic types", Justification = "Factory methods of a result type.")]
public readonly struct IpmiResult<T>
{
    private readonly T? _value;

    private IpmiResult(T? value, IpmiError? error)
    {
        _value = value;
        Error = error;
    }

    /// <summary>True when the operation succeeded.</summary>
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    /// <summary>The error of a failed operation; null on success.</summary>
    public IpmiError? Error { get; }

    /// <summary>The value; throws <see cref="InvalidOperationException"/> on a failed result.</summary>
    public T Value => Error is null ? _value! : throw new InvalidOperationException("The operation failed: " + Error);

    /// <summary>A successful result.</summary>
    public static IpmiResult<T> Success(T value) => new(value, null);

    /// <summary>A failed result.</summary>
    public static IpmiResult<T> Failure(IpmiError error) => new(default, error ?? throw new ArgumentNullException(nameof(error)));

    /// <summary>A successful result.</summary>
    public static implicit operator IpmiResult<T>(T value) => Success(value);

    /// <summary>A failed result.</summary>
    public static implicit operator IpmiResult<T>(IpmiError error) => Failure(error);

    /// <summary>The value or the error.</summary>
    public override string ToString() => Error is null ? $"Success({_value})" : $"Failure({Error})";
}
