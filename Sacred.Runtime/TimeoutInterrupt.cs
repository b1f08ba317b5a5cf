using Sacred.Recording;

namespace Sacred;

/// <summary>Ends the run with status TIMEOUT.</summary>
public class TimeoutInterrupt : RunInterrupt
{
    /// <summary>Creates the interrupt.</summary>
    /// <param name="message">Why the run stopped.</param>
    public TimeoutInterrupt(string? message = null)
        : base(message ?? "The run timed out.")
    {
    }

    /// <inheritdoc />
    public override string Status => RunStatus.Timeout;
}
