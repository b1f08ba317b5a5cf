using System.Collections.Generic;
using System.Dynamic;
using MongoDB.Bson;
using MongoDB.Bson.Serialization;
using MongoDB.Bson.Serialization.Serializers;

namespace Sacred.Mongo.Documents;

/// <summary>
/// The two serializers the driver asks for whenever it reads any reply, registered as instances made here. The driver
/// looks them up by type (<c>BsonDefaults.DynamicArraySerializer</c>: <c>List&lt;object&gt;</c>,
/// <c>DynamicDocumentSerializer</c>: <c>ExpandoObject</c>) and, unregistered, makes them by reflection over their
/// constructors, which Native AOT trims: every reply, the handshake's first, then fails with MissingMethodException
/// and no server can ever be selected. Made here, their constructors are compiled into the binary.
/// </summary>
internal static class DriverSerializers
{
    private static readonly bool s_registered = Register();

    /// <summary>Registers them, once per process, before the first client is made.</summary>
    public static void EnsureRegistered() => _ = s_registered;

    private static bool Register()
    {
        TryRegister(typeof(List<object>), new EnumerableInterfaceImplementerSerializer<List<object>, object>());
        TryRegister(typeof(ExpandoObject), new ExpandoObjectSerializer());
        return true;
    }

    private static void TryRegister(System.Type type, IBsonSerializer serializer)
    {
        try
        {
            BsonSerializer.TryRegisterSerializer(type, serializer);
        }
        catch (BsonSerializationException)
        {
            // One is registered already (made by the JIT's reflection, or by the application): it serves as well.
        }
    }
}
