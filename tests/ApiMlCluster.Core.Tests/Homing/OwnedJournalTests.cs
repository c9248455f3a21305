using Akka.Configuration;
using ApiMlCluster.Core.Homing;

namespace ApiMlCluster.Core.Tests.Homing;

public sealed class OwnedJournalTests
{
    [Fact]
    public void AddTo_CopiesEveryJournalSettingIncludingEmptyOnes_AndNamesItsOwnPluginId()
    {
        var config = ConfigurationFactory.ParseString("""
            akka.persistence.journal.sql {
              class = "Akka.Persistence.Sql.Journal.SqlWriteJournal, Akka.Persistence.Sql"
              connection-string = ""
              provider-name = "SQLite.MS"
              replay-filter.mode = off
              plugin-id = "akka.persistence.journal.sql"
            }
            """);

        var owned = OwnedJournal.AddTo(config).GetConfig(OwnedJournal.PluginId);

        Assert.Equal("SQLite.MS", owned.GetString("provider-name"));
        Assert.Equal(string.Empty, owned.GetString("connection-string"));
        Assert.Equal("off", owned.GetString("replay-filter.mode"));
        Assert.Equal(OwnedJournal.PluginId, owned.GetString("plugin-id"));
    }

    [Fact]
    public void AddTo_AConfigWithoutASqlJournal_IsLeftAsItIs()
    {
        var config = ConfigurationFactory.ParseString("akka.loglevel = INFO");

        Assert.False(OwnedJournal.AddTo(config).HasPath(OwnedJournal.PluginId));
    }
}
