using System.Globalization;
using System.Text;
using ApiMlCluster.Chaos.Cluster;
using ApiMlCluster.Chaos.Faults;
using ApiMlCluster.Chaos.Workload;

namespace ApiMlCluster.Chaos.Report;

/// <summary>
/// The run as a picture: one row per node (every attempt sent there) and one for the clients' operations after
/// retries; each column is a time slice whose bar is split by outcome. Faults are shaded from their start until
/// the cluster had converged again.
/// </summary>
internal static class TimelineSvg
{
    private const int Width = 1400;
    private const int Left = 150;
    private const int Right = 20;
    private const int Top = 40;
    private const int RowHeight = 70;
    private const int RowGap = 12;

    private static readonly (Outcome Outcome, string Color, string Label)[] Colors =
    [
        (Outcome.Ok, "#43a047", "expected answer"),
        (Outcome.Rejected, "#fbc02d", "unexpected 4xx"),
        (Outcome.ServerError, "#e53935", "5xx"),
        (Outcome.TransportError, "#757575", "no answer"),
        (Outcome.Violation, "#8e24aa", "invariant violation"),
    ];

    public static string Render(History history, IReadOnlyList<FaultRecord> faults, double end)
    {
        var span = Math.Max(end, 1);
        var slices = Math.Min(700, (int)Math.Ceiling(span * 2));
        var slice = span / slices;
        var plot = Width - Left - Right;
        double X(double t) => Left + (t / span * plot);
        var rows = ChaosCluster.Nodes.Select(n => ($"lpar{n} (attempts)", history.Attempts.Where(a => a.Node == n).Select(a => (a.T, a.Outcome)).ToList()))
            .Append(("clients (after retries)", history.Operations.Select(o => (T: o.Start, o.Outcome)).ToList()))
            .ToList();
        var height = Top + (rows.Count * (RowHeight + RowGap)) + 70;
        var svg = new StringBuilder();
        svg.Append(Invariant($"""<svg xmlns="http://www.w3.org/2000/svg" width="{Width}" height="{height}" font-family="sans-serif" font-size="12">"""));
        svg.Append(Invariant($"""<rect width="{Width}" height="{height}" fill="white"/>"""));
        svg.Append(Invariant($"""<text x="{Left}" y="20" font-size="14">Request outcomes per node over time ({slice:F2} s per column); shaded: fault until the cluster converged</text>"""));

        var bottom = Top + (rows.Count * (RowHeight + RowGap)) - RowGap;
        foreach (var fault in faults)
        {
            var color = fault.Fault.Kind switch
            {
                FaultKind.Partition => "#1e88e5",
                FaultKind.ColdRestart => "#6d4c41",
                _ => "#fb8c00",
            };
            svg.Append(Invariant($"""<rect x="{X(fault.Start):F1}" y="{Top - 8}" width="{Math.Max(1, X(fault.Converged) - X(fault.Start)):F1}" height="{bottom - Top + 8}" fill="{color}" fill-opacity="0.15"/>"""));
            svg.Append(Invariant($"""<line x1="{X(fault.Start):F1}" x2="{X(fault.Start):F1}" y1="{Top - 8}" y2="{bottom}" stroke="{color}" stroke-width="1.5"/>"""));
            svg.Append(Invariant($"""<text x="{X(fault.Start) + 2:F1}" y="{Top - 10}" fill="{color}" font-size="10">{Escape(fault.Fault.Label)}</text>"""));
        }

        for (var r = 0; r < rows.Count; r++)
        {
            var (label, points) = rows[r];
            var y0 = Top + (r * (RowHeight + RowGap));
            svg.Append(Invariant($"""<text x="8" y="{y0 + (RowHeight / 2) + 4}">{Escape(label)}</text>"""));
            svg.Append(Invariant($"""<rect x="{Left}" y="{y0}" width="{plot}" height="{RowHeight}" fill="none" stroke="#bdbdbd"/>"""));
            var counts = new int[slices, Colors.Length];
            foreach (var (t, outcome) in points)
            {
                var s = Math.Clamp((int)(t / slice), 0, slices - 1);
                counts[s, Array.FindIndex(Colors, c => c.Outcome == outcome)]++;
            }

            for (var s = 0; s < slices; s++)
            {
                var total = 0;
                for (var c = 0; c < Colors.Length; c++)
                {
                    total += counts[s, c];
                }

                if (total == 0)
                {
                    continue;
                }

                var y = (double)(y0 + RowHeight);
                for (var c = 0; c < Colors.Length; c++)
                {
                    if (counts[s, c] == 0)
                    {
                        continue;
                    }

                    var h = RowHeight * counts[s, c] / (double)total;
                    y -= h;
                    svg.Append(Invariant($"""<rect x="{X(s * slice):F1}" y="{y:F1}" width="{Math.Max(1, plot / (double)slices):F2}" height="{h:F1}" fill="{Colors[c].Color}"/>"""));
                }
            }
        }

        var step = new[] { 5, 10, 15, 30, 60, 120, 300, 600 }.First(t => span / t <= 20);
        for (var t = 0; t <= span; t += step)
        {
            svg.Append(Invariant($"""<line x1="{X(t):F1}" x2="{X(t):F1}" y1="{bottom}" y2="{bottom + 5}" stroke="black"/><text x="{X(t):F1}" y="{bottom + 18}" text-anchor="middle">{t} s</text>"""));
        }

        var legendX = Left;
        foreach (var (_, color, text) in Colors)
        {
            svg.Append(Invariant($"""<rect x="{legendX}" y="{bottom + 32}" width="12" height="12" fill="{color}"/><text x="{legendX + 16}" y="{bottom + 42}">{text}</text>"""));
            legendX += 150;
        }

        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}
