using System;
using Sacred.Mongo.Tests.Wire;
using Xunit;

namespace Sacred.Mongo.Tests.Live;

/// <summary>
/// A test against a real MongoDB server, given as <c>SACRED_TEST_MONGO=mongodb://host:27017</c> (none can be installed
/// on the build machine), or against the test-only <see cref="FakeMongoServer"/> with <c>SACRED_TEST_MONGO=fake</c>
/// (one for the test run, in this process). When it is unset the test is skipped with one line saying so.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class LiveMongoFactAttribute : FactAttribute
{
    public const string Variable = "SACRED_TEST_MONGO";

    private static readonly Lazy<FakeMongoServer> s_fake = new(() => new FakeMongoServer());

    /// <summary>The server's address: the variable's, or the fake server's for <c>fake</c>; null when unset.</summary>
    public static string? Server => Environment.GetEnvironmentVariable(Variable) switch
    {
        null or "" => null,
        "fake" => s_fake.Value.Address,
        var address => address,
    };

    public LiveMongoFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(Variable)))
        {
            Skip = $"{Variable} is not set: no MongoDB server to test against (set it to mongodb://host:27017 to run the live tests, or to fake for the test-only wire-protocol server)";
        }
    }
}
