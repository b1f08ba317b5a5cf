using Xunit;

namespace Sacred.Runtime.Tests.Observers.FileStorage;

/// <summary>A fact that needs <c>python3</c> with its json module; skipped, saying so, when there is none.</summary>
public sealed class PythonFactAttribute : FactAttribute
{
    public PythonFactAttribute()
    {
        if (!Python.HasJson)
        {
            Skip = "python3 with the json module is not on PATH, so Sacred's Python readers cannot be tried; install python3 to run this test";
        }
    }
}
