using System.Text;
using System.Text.Json;
using Akka.Configuration;
using Akka.Configuration.Hocon;

namespace ApiMlCluster.Core.Homing;

/// <summary>
/// A second instance of the SQL journal, same database and tables, for entities homed by <see cref="HomedEntities"/>.
/// Two nodes can briefly both run such an entity; the journal's unique (persistence id, sequence number) index then
/// fails the stale one's write. Akka.Persistence.Sql commits the writes of many actors in one transaction, so on a
/// shared journal instance that refusal would also fail unrelated writes (a logout in the same batch); a journal of
/// their own keeps the damage among the homed entities, which answer "retry".
/// </summary>
public static class OwnedJournal
{
    public const string PluginId = "akka.persistence.journal.sql-owned";

    private const string SqlJournal = "akka.persistence.journal.sql";

    /// <summary>Adds the owned journal as a copy of the configured SQL journal; a config without one is returned as is.</summary>
    public static Config AddTo(Config config)
    {
        if (!config.HasPath(SqlJournal) || config.HasPath(PluginId))
        {
            return config;
        }

        // Copied leaf by leaf with every value JSON-quoted: HOCON's own rendering leaves an empty string unquoted and
        // the next key then parses as its value.
        var text = new StringBuilder();
        Copy(config.GetConfig(SqlJournal).Root, PluginId, text);
        text.AppendLine($"{PluginId}.plugin-id = {JsonSerializer.Serialize(PluginId)}");
        return ConfigurationFactory.ParseString(text.ToString()).WithFallback(config);
    }

    private static void Copy(HoconValue value, string path, StringBuilder text)
    {
        if (value.IsObject())
        {
            foreach (var (key, child) in value.GetObject().Items)
            {
                Copy(child, $"{path}.{JsonSerializer.Serialize(key)}", text);
            }
        }
        else if (value.IsArray())
        {
            text.AppendLine($"{path} = [{string.Join(", ", value.GetArray().Select(v => JsonSerializer.Serialize(v.GetString())))}]");
        }
        else
        {
            text.AppendLine($"{path} = {JsonSerializer.Serialize(value.GetString() ?? string.Empty)}");
        }
    }
}
