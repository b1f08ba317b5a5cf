namespace Sacred.Storage.Reading;

/// <summary>Statuses the read side derives; the recorded ones are in <see cref="Sacred.Recording.RunStatus"/>.</summary>
public static class EffectiveStatus
{
    /// <summary>
    /// Recorded RUNNING, but no heartbeat (or, before the first beat, no start) within the dead-after threshold:
    /// the process was most likely killed. Omniboard's name and default threshold (120 s).
    /// </summary>
    public const string ProbablyDead = "PROBABLY_DEAD";
}
