using System.Globalization;

namespace ApiMlCluster.Bench;

/// <summary>Markdown tables and number formats for the results.</summary>
internal static class Report
{
    public static void Table(string title, string[] header, IEnumerable<string[]> rows)
    {
        Console.WriteLine($"### {title}");
        Console.WriteLine();
        Console.WriteLine($"| {string.Join(" | ", header)} |");
        Console.WriteLine($"|{string.Concat(header.Select(_ => "---|"))}");
        foreach (var row in rows)
        {
            Console.WriteLine($"| {string.Join(" | ", row)} |");
        }

        Console.WriteLine();
    }

    public static string Rate(double perSecond) => perSecond.ToString(perSecond >= 100 ? "N0" : "N1", CultureInfo.InvariantCulture);

    public static string Count(long count) => count.ToString("N0", CultureInfo.InvariantCulture);

    public static string Ms(double ms) => ms.ToString(ms >= 100 ? "N0" : "N2", CultureInfo.InvariantCulture);

    public static string Bytes(long bytes) => bytes >= 1 << 20
        ? (bytes / 1048576.0).ToString("N1", CultureInfo.InvariantCulture) + " MiB"
        : (bytes / 1024.0).ToString("N1", CultureInfo.InvariantCulture) + " KiB";

    public static string Fixed(double value, int decimals) => value.ToString("N" + decimals, CultureInfo.InvariantCulture);
}

/// <summary>Latencies in milliseconds with nearest-rank percentiles.</summary>
internal sealed class Latencies
{
    private readonly List<double> values = [];
    private bool sorted;

    public int Count => values.Count;

    public void Add(double ms)
    {
        values.Add(ms);
        sorted = false;
    }

    public void AddRange(Latencies other)
    {
        values.AddRange(other.values);
        sorted = false;
    }

    public double Percentile(double p)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        if (!sorted)
        {
            values.Sort();
            sorted = true;
        }

        var rank = (int)Math.Ceiling(p / 100 * values.Count);
        return values[Math.Clamp(rank - 1, 0, values.Count - 1)];
    }

    public double Max => Percentile(100);
}

/// <summary>Random token ids from a seeded generator: reproducible, and without Guid.NewGuid's system call per id.</summary>
internal static class RandomIds
{
    public static Guid[] Create(Random random, int count)
    {
        var bytes = new byte[16];
        var ids = new Guid[count];
        for (var i = 0; i < count; i++)
        {
            random.NextBytes(bytes);
            ids[i] = new Guid(bytes);
        }

        return ids;
    }
}
