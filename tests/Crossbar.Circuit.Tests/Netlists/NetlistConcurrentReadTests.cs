using System.Text;
using Crossbar.Circuit.Netlists;
using NUnit.Framework;

namespace Crossbar.Circuit.Tests.Netlists;

/// <summary>
/// A long deck's element lines are read on two threads (<c>NetlistReader.TryReadConcurrently</c>);
/// the outcome must be the one-thread outcome exactly: same netlist, warnings, and first error.
/// </summary>
[TestFixture]
public class NetlistConcurrentReadTests
{
    private const int Seed = 20261127;

    /// <summary>A flat deck (no subcircuits) with every element kind, continuation lines, comments and blank lines among the elements.</summary>
    private static string FlatDeck(int copies)
    {
        var text = new StringBuilder("flat deck read on two threads\n* comment\n.param rl=2k g2={rl/1k}\n.model dm d (is=1e-14 n=1.1)\n.model nm nmos (vto=0.7 kp=2e-5)\n");
        for (int k = 0; k < copies; k++)
        {
            text.Append(CultureInfoInvariant($"R{k}a n{k} n{k + 1} {{rl*2}}\n"));
            text.Append(CultureInfoInvariant($"C{k} n{k + 1} 0 1p IC=0.1\n"));
            text.Append(CultureInfoInvariant($"V{k} s{k} 0 dc 1 pulse(0 1\n+ 1n 1n 1n 5n 10n)\n"));
            text.Append('\n');
            text.Append(CultureInfoInvariant($"* cell {k}\n"));
            text.Append(CultureInfoInvariant($"E{k} e{k} 0 n{k} 0 {{g2}}\nG{k} 0 n{k} e{k} 0 1m\n"));
            text.Append(CultureInfoInvariant($"F{k} 0 f{k} V{k} 2\nH{k} h{k} 0 V{k} 100\n"));
            text.Append(CultureInfoInvariant($"D{k} n{k} 0 dm\nM{k} n{k} s{k} 0 0 nm w=1u l=1u\n"));
            text.Append(CultureInfoInvariant($"B{k} b{k} 0 V={{v(n{k})*2}}\nL{k} b{k} s{k} 1u\nI{k} 0 n{k} 1u\n"));
        }

        text.Append(".op\n.tran 1n 20n\n.save v(n1)\n.end\n");
        return text.ToString();
    }

    private static string CultureInfoInvariant(FormattableString s) => FormattableString.Invariant(s);

    private static string Outcome(string deck, int concurrentMinimumLength)
    {
        try
        {
            var netlist = NetlistReader.ReadText(deck, "<text>", concurrentMinimumLength);
            return NetlistWriter.Write(netlist) + "\n--- warnings ---\n" + string.Join("\n", netlist.Warnings);
        }
        catch (NetlistException ex)
        {
            return "error: " + ex.Message;
        }
        catch (Exception ex)
        {
            return $"{ex.GetType().Name}: {ex.Message}";
        }
    }

    [Test]
    public void When_DeckReadOnTwoThreads_Expect_SameNetlistAsOneThread()
    {
        string deck = FlatDeck(40);

        Assert.That(NetlistLexer.TryFindElementRange(deck, 0, out var middle, out _), Is.True);
        Assert.That(middle.End - middle.Start, Is.GreaterThan(deck.Length / 3));
        Assert.That(Outcome(deck, 0), Is.EqualTo(Outcome(deck, int.MaxValue)));
        Assert.That(Outcome(deck, 0), Does.Not.StartWith("error"));
    }

    [Test]
    public void When_ThreeThousandMutatedDecksRead_Expect_TwoThreadsGiveTheOneThreadOutcome()
    {
        var random = new Random(Seed);
        string[] bases = [FlatDeck(6), FlatDeck(12)];
        int split = 0;
        int errors = 0;
        var differences = new List<string>();
        for (int n = 0; n < 3000 && differences.Count < 3; n++)
        {
            string deck = NetlistFuzzTests.Mutate(bases[random.Next(bases.Length)], random);
            if (NetlistLexer.TryFindElementRange(deck, 0, out _, out _))
            {
                split++;
            }

            string one = Outcome(deck, int.MaxValue);
            string two = Outcome(deck, 0);
            errors += one.StartsWith("error", StringComparison.Ordinal) ? 1 : 0;
            if (one != two)
            {
                differences.Add($"deck {n}:\n{deck}\n--- one thread ---\n{one}\n--- two threads ---\n{two}");
            }
        }

        Assert.That(differences, Is.Empty, string.Join("\n=====\n", differences));
        Assert.That(split, Is.GreaterThan(2500), "most mutated decks should take the two-thread path");
        Assert.That(errors, Is.GreaterThan(500), "mutations should break many decks");
    }

    [Test]
    public void When_NameBeforeTheRangeIsReusedInIt_Expect_FirstReuseReportedBeforeLaterErrors()
    {
        string deck = FlatDeck(20);
        int middle = deck.IndexOf("R12a ", StringComparison.Ordinal);
        deck = deck[..middle] + "R3a x y 1\n" + deck[middle..];
        deck = deck.Replace("I19 0 n19 1u", "I19 0 n19 1q", StringComparison.Ordinal);

        Assert.That(NetlistLexer.TryFindElementRange(deck, 0, out var range, out _), Is.True);
        Assert.That(range.Start, Is.LessThan(middle), "the reused name should fall inside the concurrent range");
        string two = Outcome(deck, 0);
        Assert.That(two, Is.EqualTo(Outcome(deck, int.MaxValue)));
        Assert.That(two, Does.Contain("duplicate element name 'R3a'"));
    }

    [Test]
    public void When_EndCardBeforeTheRange_Expect_LinesAfterItIgnored()
    {
        string deck = FlatDeck(20);
        int cut = deck.IndexOf("R5a ", StringComparison.Ordinal);
        deck = deck[..cut] + ".end\n" + deck[cut..].Replace("I15 0 n15 1u", "I15 0 n15 garbage(", StringComparison.Ordinal);

        string two = Outcome(deck, 0);

        Assert.That(two, Is.EqualTo(Outcome(deck, int.MaxValue)));
        Assert.That(two, Does.Not.StartWith("error"));
        Assert.That(two, Does.Not.Contain("R5a"));
    }

    [Test]
    public void When_DeckHasSubcircuit_Expect_OneThread()
    {
        string deck = FlatDeck(20).Replace(".op\n", ".subckt s a b\nR1 a b 1\n.ends\n.op\n", StringComparison.Ordinal);

        Assert.That(NetlistLexer.TryFindElementRange(deck, 0, out _, out _), Is.False);
    }
}
