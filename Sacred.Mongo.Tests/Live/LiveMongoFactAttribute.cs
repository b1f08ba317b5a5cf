using System;
using Xunit;

namespace Sacred.Mongo.Tests.Live;

/// <summary>
/// A test against a real MongoDB server, given as <c>SACRED_TEST_MONGO=mongodb://host:27017</c> (none can be installed
/// on the build machine). When it is unset the test is skipped with one line saying so.
/// </summary>
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
