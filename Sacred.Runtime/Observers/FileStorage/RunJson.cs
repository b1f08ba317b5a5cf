using System.Collections.Generic;

namespace Sacred.Observers.FileStorage;

/// <summary>
/// Writes a run document as Sacred's FileStorageObserver writes <c>run.json</c>: sorted keys, indent 2, <c>\n</c>
/// newlines; the times the observer formats itself (<c>start_time</c>, <c>heartbeat</c>, <c>stop_time</c>, at the
/// top) as <c>isoformat()</c> of naive UTC, and a time further in (<c>meta.queue_time</c>) as jsonpickle flattens a
/// <c>datetime</c>.
/// </summary>
internal static class RunJson
{
    /// <summary>The <c>run.json</c> text of <paramref name="document"/>.</summary>
    public static string Write(ConfigNode document)
    {
        var fields = new KeyValuePair<string, ConfigNode>[document.Members.Count];
        for (var i = 0; i < fields.Length; i++)
        {
            var (key, value) = document.Members[i];
            fields[i] = new(key, value.Kind == ConfigNodeKind.Timestamp ? ConfigNode.From(PythonDateTime.Format(value.TimestampValue)) : Encode(value));
        }

        return ConfigNode.FromSortedMembers(fields).ToJson(indented: true);
    }

    private static ConfigNode Encode(ConfigNode node)
    {
        switch (node.Kind)
        {
            case ConfigNodeKind.Timestamp:
                return PythonDateTime.ToJsonPickle(node.TimestampValue);
            case ConfigNodeKind.List:
                var items = new ConfigNode[node.Items.Count];
                for (var i = 0; i < items.Length; i++)
                {
                    items[i] = Encode(node.Items[i]);
                }

                return ConfigNode.FromItems(items);
            case ConfigNodeKind.Object:
                var members = new KeyValuePair<string, ConfigNode>[node.Members.Count];
                for (var i = 0; i < members.Length; i++)
                {
                    var (key, value) = node.Members[i];
                    members[i] = new(key, Encode(value));
                }

                return ConfigNode.FromSortedMembers(members);
            default:
                return node;
        }
    }
}
