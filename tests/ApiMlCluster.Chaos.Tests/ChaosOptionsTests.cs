namespace ApiMlCluster.Chaos.Tests;

public sealed class ChaosOptionsTests
{
    [Fact]
    public void Parse_AllOptions_AreRead()
    {
        var options = ChaosOptions.Parse(["--duration", "600", "--faults", "20", "--seed", "9", "--store", "sqlite", "--out", "/tmp/x", "--clients", "2"]);

        Assert.Equal(TimeSpan.FromSeconds(600), options.Duration);
        Assert.Equal(20, options.Faults);
        Assert.Equal(9, options.Seed);
        Assert.Equal(StoreKind.Sqlite, options.Store);
        Assert.Equal("/tmp/x", options.OutputDirectory);
        Assert.Equal(2, options.Clients);
    }

    [Fact]
    public void Parse_PostgresConnectionString_StaysOutOfTheCommandLineShown()
    {
        var options = ChaosOptions.Parse(["--store", "postgres", "--postgres", "Host=h;Password=secret"]);

        Assert.Equal(StoreKind.Postgres, options.Store);
        Assert.DoesNotContain("secret", options.CommandLine, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--faults", "x")]
    [InlineData("--store", "oracle")]
    [InlineData("--bogus", "1")]
    public void Parse_BadInput_IsRejected(string option, string value)
    {
        Assert.Throws<ArgumentException>(() => ChaosOptions.Parse([option, value]));
    }
}
