namespace Sacred;

/// <summary>How a run's stdout and stderr are captured (<c>-C/--capture</c>).</summary>
public enum CaptureMode
{
    /// <summary>At the file-descriptor level, so output of native libraries is caught too.</summary>
    Fd,

    /// <summary>At the level of <see cref="System.Console"/>'s writers only.</summary>
    Sys,

    /// <summary>Not captured.</summary>
    No,
}
