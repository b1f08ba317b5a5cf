using System;
using Xunit;

namespace Sacred.Board.Tests.Mongo;

/// <summary>A test against the <c>SACRED_TEST_MONGO</c> server; skipped with one line when it is unset.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class LiveMongoFactAttribute : FactAttribute
{
    public const string Variable = "SACRED_TEST_MONGO";

    public LiveMongoFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(Variable)))
        {
            Skip = $"{Variable} is not set: no MongoDB server to test against (set it to mongodb://host:27017 to run the live tests)";
        }
    }
}
