using System.Globalization;
using Crossbar.Circuit.Engine;
using Crossbar.Circuit.Netlists;
using Crossbar.Circuit.Simulation;
using CsvHelper;

namespace Crossbar.Circuit.Tests.Ngspice;

/// <summary>One deck of ngspice's own test and example collection, as the qualification run saw it.</summary>
public sealed class ExampleDeckOutcome
{
    /// <summary>Path relative to the ngspice source tree.</summary>
    public string Deck { get; set; } = "";

    /// <summary>reader: our reader refused it; ngspice: ngspice failed in batch mode; compared: both ran and were compared; ours: we failed on a deck both read.</summary>
    public string Stage { get; set; } = "";

    /// <summary>True when the deck uses only what CrossbarSim reads and ngspice runs it in batch mode with at least one plot we compare.</summary>
    public bool Qualifies { get; set; }

    /// <summary>True when every vector present in both agrees (<see cref="ComparisonTolerances.Default"/>).</summary>
    public bool Agrees { get; set; }

    /// <summary>Vectors compared.</summary>
    public int Vectors { get; set; }

    /// <summary>First line of the reason (refusal, failure or first mismatch), empty when it agrees.</summary>
    public string Reason { get; set; } = "";
}

/// <summary>
/// Runs every deck of ngspice 39.3's source tree (tests/ and examples/) through our reader, then those it accepts
/// through ngspice (batch mode) and through CrossbarSim, and compares them as the example-deck cross-check does.
/// A deck qualifies when our reader takes it and ngspice runs it to a plot; it agrees when every common vector
/// matches. Needs the source tree: <c>CROSSBAR_NGSPICE_SOURCE</c> names it (benchmarks/ngspice_examples.sh fetches
/// it and sets the variable); ignored otherwise, so the suite never depends on it. Writes
/// <c>CROSSBAR_QUALIFICATION_CSV</c> (default ngspice-examples.csv in the test's work folder).
/// </summary>
[TestFixture]
public class ExampleDeckQualificationTests
{
    private static readonly string[] DeckExtensions = [".cir", ".sp", ".deck", ".net", ".spi", ".spice", ".ckt"];
    private static readonly TimeSpan OurLimit = TimeSpan.FromSeconds(60);

    [Test]
    public void When_Ngspice_Example_Decks_Are_Run_Expect_A_Qualification_Table()
    {
        string? source = Environment.GetEnvironmentVariable("CROSSBAR_NGSPICE_SOURCE");
        if (string.IsNullOrEmpty(source) || !Directory.Exists(source))
        {
            Assert.Ignore("CROSSBAR_NGSPICE_SOURCE does not name an ngspice source tree (benchmarks/ngspice_examples.sh sets it)");
        }

        NgspiceRunner? runner = NgspiceRunner.TryCreate(TimeSpan.FromSeconds(60));
        if (runner is null)
        {
            Assert.Ignore("ngspice not found on PATH");
        }

        var outcomes = new List<ExampleDeckOutcome>();
        foreach (string deck in Decks(source!))
        {
            ExampleDeckOutcome outcome = Qualify(runner!, source!, deck);
            outcomes.Add(outcome);
            TestContext.Out.WriteLine($"{outcome.Deck}: {outcome.Stage} {(outcome.Agrees ? "agrees" : outcome.Reason)}");
        }

        string csv = Environment.GetEnvironmentVariable("CROSSBAR_QUALIFICATION_CSV") is { Length: > 0 } path
            ? path
            : Path.Combine(TestContext.CurrentContext.WorkDirectory, "ngspice-examples.csv");
        using (var writer = new StreamWriter(csv))
        using (var table = new CsvWriter(writer, CultureInfo.InvariantCulture))
        {
            table.WriteRecords(outcomes);
        }

        int qualify = outcomes.Count(o => o.Qualifies);
        int agree = outcomes.Count(o => o.Agrees);
        TestContext.Out.WriteLine($"ngspice example decks: {outcomes.Count} found, {qualify} qualify, {agree} agree (table: {csv})");
        foreach (var group in outcomes.Where(o => o.Stage == "reader").GroupBy(o => ReasonKey(o.Reason)).OrderByDescending(g => g.Count()).Take(25))
        {
            TestContext.Out.WriteLine($"  refused {group.Count(),4}: {group.Key}");
        }

        Assert.That(outcomes, Is.Not.Empty, "no decks found under " + source);
    }

    private static IEnumerable<string> Decks(string source) =>
        new[] { "tests", "examples" }
            .Select(folder => Path.Combine(source, folder))
            .Where(Directory.Exists)
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            .Where(f => DeckExtensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal);

    private static ExampleDeckOutcome Qualify(NgspiceRunner runner, string source, string deck)
    {
        var outcome = new ExampleDeckOutcome { Deck = Path.GetRelativePath(source, deck) };
        Netlist netlist;
        try
        {
            netlist = NetlistReader.ReadFile(deck);
            if (netlist.Analyses.Count == 0)
            {
                return Refused(outcome, "reader", "no analysis card we run");
            }
        }
        catch (NetlistException ex)
        {
            return Refused(outcome, "reader", ex.Message);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException or FormatException or IndexOutOfRangeException or NullReferenceException)
        {
            return Refused(outcome, "reader", $"reader crash {ex.GetType().Name}: {ex.Message}");
        }

        IReadOnlyList<RawPlot> reference;
        try
        {
            string[] companions = Directory.EnumerateFiles(Path.GetDirectoryName(deck)!)
                .Where(f => f != deck && new FileInfo(f).Length < 20_000_000)
                .ToArray();
            reference = runner.RunReference(deck, companions);
            if (!reference.Any(p => p.Analysis is not null))
            {
                return Refused(outcome, "ngspice", "ngspice wrote no op/dc/tran/ac plot");
            }
        }
        catch (Exception ex) when (ex is NgspiceException or TimeoutException or IOException or FormatException or InvalidDataException)
        {
            return Refused(outcome, "ngspice", ex.Message);
        }

        outcome.Qualifies = true;
        var run = Task.Run(() => CircuitSimulator.Run(netlist));
        try
        {
            if (!run.Wait(OurLimit))
            {
                return Refused(outcome, "ours", $"CrossbarSim did not finish in {OurLimit.TotalSeconds:0} s");
            }
        }
        catch (AggregateException ex)
        {
            Exception inner = ex.InnerException ?? ex;
            return Refused(outcome, inner is NetlistException ? "reader" : "ours", $"{inner.GetType().Name}: {inner.Message}", qualifies: inner is not NetlistException);
        }

        ComparisonReport report = WaveformComparer.Compare(outcome.Deck, reference, run.Result.Tables);
        outcome.Stage = "compared";
        outcome.Vectors = report.VectorsCompared;
        outcome.Agrees = report.Passed && report.VectorsCompared > 0;
        outcome.Reason = outcome.Agrees ? "" : FirstLine(report.Mismatches.FirstOrDefault() ?? "no common vector");
        return outcome;
    }

    private static ExampleDeckOutcome Refused(ExampleDeckOutcome outcome, string stage, string reason, bool qualifies = false)
    {
        outcome.Stage = stage;
        outcome.Qualifies = qualifies;
        outcome.Reason = FirstLine(reason);
        return outcome;
    }

    private static string FirstLine(string text)
    {
        int end = text.IndexOfAny(['\r', '\n']);
        return end < 0 ? text : text[..end];
    }

    /// <summary>The refusal without its location and with names and numbers blanked, to group refusals by kind.</summary>
    private static string ReasonKey(string reason)
    {
        int colon = reason.IndexOf(": ", StringComparison.Ordinal);
        string text = colon >= 0 && reason[..colon].Contains(':', StringComparison.Ordinal) ? reason[(colon + 2)..] : reason;
        text = System.Text.RegularExpressions.Regex.Replace(text, "'[^']*'", "'…'");
        return text.Length > 90 ? text[..90] : text;
    }
}
