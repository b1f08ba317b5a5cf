using System;
using Sacred.Recording;

namespace Sacred;

/// <summary>
/// Thrown by experiment code to end the run with a custom status instead of FAILED (Sacred's SacredInterrupt).
/// Subclass it with your own <see cref="Status"/>.
/// </summary>
public class RunInterrupt : Exception
{
    /// <summary>Creates the interrupt.</summary>
    /// <param name="message">Why the run stopped.</param>
    public RunInterrupt(string? message = null)
        : base(message ?? "The run was interrupted.")
    {
    }

    /// <summary>The status recorded for the run.</summary>
    public virtual string Status => RunStatus.Interrupted;
}
