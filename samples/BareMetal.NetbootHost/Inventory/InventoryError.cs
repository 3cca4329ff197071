namespace BareMetal.NetbootHost.Inventory;

/// <summary>One problem in an inventory file, with the place a person has to look.</summary>
/// <param name="File">The inventory file name.</param>
/// <param name="Line">1-based line, 0 when the problem concerns the whole file.</param>
/// <param name="Column">1-based column, 0 when unknown.</param>
/// <param name="Field">The field path, such as <c>machines[0].mac</c>.</param>
/// <param name="Message">What is wrong and how to fix it.</param>
internal sealed record InventoryError(string File, long Line, long Column, string Field, string Message)
{
    public override string ToString() =>
        Line > 0 ? $"{File}:{Line}:{Column}: {Field}: {Message}" : $"{File}: {Field}: {Message}";
}

/// <summary>Thrown at start when the inventory cannot be used; carries every problem found.</summary>
internal sealed class InventoryException : Exception
{
    public InventoryException()
    {
        Errors = [];
    }

    public InventoryException(string message)
        : base(message)
    {
        Errors = [];
    }

    public InventoryException(string message, Exception inner)
        : base(message, inner)
    {
        Errors = [];
    }

    public InventoryException(IReadOnlyList<InventoryError> errors)
        : base("The inventory is invalid:" + Environment.NewLine + string.Join(Environment.NewLine, errors))
    {
        Errors = errors;
    }

    public IReadOnlyList<InventoryError> Errors { get; }
}
