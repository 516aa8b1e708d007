using System.Diagnostics;
using System.Text;
using Crossbar.Circuit.Netlists;
using NUnit.Framework;

namespace Crossbar.Circuit.Tests.Netlists;

[TestFixture]
public class NetlistFuzzTests
{
    private const int DeckCount = 10_000;
    private const int Seed = 20250611;
    private static readonly TimeSpan PerReadLimit = TimeSpan.FromSeconds(2);
    private const string Noise = "(){}=,+-*/^;$'\". \t\n01259aekmuxvRCLVIEGFHDMXQ.?:<>!&|";

    [Test]
    public void When_TenThousandMutatedDecksRead_Expect_OnlyNetlistExceptionsAndNoHang()
    {
        var random = new Random(Seed);
        var bases = new[] { Decks.Representative, Decks.Rc, Decks.Expressions, Decks.Measured };
        var failures = new List<string>();
        var accepted = 0;
        var rejected = 0;
        var stopwatch = Stopwatch.StartNew();
        for (var n = 0; n < DeckCount && failures.Count < 5; n++)
        {
            var deck = Mutate(bases[random.Next(bases.Length)], random);
            var task = Task.Run(() => Outcome(deck));
            if (!task.Wait(PerReadLimit))
            {
                Assert.Fail($"deck {n} took more than {PerReadLimit.TotalSeconds} s to read:\n{deck}");
            }

            switch (task.Result)
            {
                case null:
                    accepted++;
                    break;
                case "rejected":
                    rejected++;
                    break;
                default:
                    failures.Add($"deck {n}: {task.Result}\n---\n{deck}\n---");
                    break;
            }
        }

        Assert.That(failures, Is.Empty, string.Join("\n", failures));
        Assert.That(accepted + rejected, Is.EqualTo(DeckCount));
        Assert.That(accepted, Is.GreaterThan(100), "mutations should leave some decks valid");
        Assert.That(rejected, Is.GreaterThan(1000), "mutations should break most decks");
        Assert.That(stopwatch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(60)));
    }

    /// <summary>null: read (and round-tripped) fine; "rejected": NetlistException; otherwise the unexpected failure.</summary>
    private static string? Outcome(string deck)
    {
        Netlist netlist;
        try
        {
            netlist = NetlistReader.ReadText(deck);
        }
        catch (NetlistException)
        {
            return "rejected";
        }
        catch (Exception ex)
        {
            return $"{ex.GetType().Name} escaped ReadText: {ex}";
        }

        try
        {
            var first = NetlistWriter.Write(netlist);
            var second = NetlistWriter.Write(NetlistReader.ReadText(first));
            return first == second ? null : $"round trip changed the text:\n{first}\n=== became ===\n{second}";
        }
        catch (Exception ex)
        {
            return $"accepted deck failed to round-trip: {ex}";
        }
    }

    internal static string Mutate(string deck, Random random)
    {
        var lines = deck.ReplaceLineEndings("\n").Split('\n').ToList();
        var count = random.Next(1, 4);
        for (var k = 0; k < count; k++)
        {
            var index = random.Next(lines.Count);
            var tokens = lines[index].Split(' ').ToList();
            switch (random.Next(9))
            {
                case 0 when tokens.Count > 1:
                    tokens.RemoveAt(random.Next(tokens.Count));
                    lines[index] = string.Join(' ', tokens);
                    break;
                case 1:
                    var t = random.Next(tokens.Count);
                    tokens.Insert(t, tokens[t]);
                    lines[index] = string.Join(' ', tokens);
                    break;
                case 2:
                    var g = random.Next(tokens.Count);
                    tokens[g] = Garble(tokens[g], random);
                    lines[index] = string.Join(' ', tokens);
                    break;
                case 3 when lines.Count > 1:
                    lines.RemoveAt(index);
                    break;
                case 4:
                    lines.Insert(index, lines[index]);
                    break;
                case 5:
                    var other = random.Next(lines.Count);
                    (lines[index], lines[other]) = (lines[other], lines[index]);
                    break;
                case 6:
                    var line = lines[index];
                    var at = random.Next(line.Length + 1);
                    lines[index] = line[..at] + Noise[random.Next(Noise.Length)] + line[at..];
                    break;
                case 7:
                    var text = string.Join('\n', lines);
                    text = text[..random.Next(text.Length + 1)];
                    lines = text.Split('\n').ToList();
                    break;
                default:
                    var sb = new StringBuilder(lines[index]);
                    if (sb.Length > 0)
                    {
                        sb[random.Next(sb.Length)] = Noise[random.Next(Noise.Length)];
                    }

                    lines[index] = sb.ToString();
                    break;
            }
        }

        return string.Join('\n', lines);
    }

    private static string Garble(string token, Random random)
    {
        var chars = token.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (random.Next(3) == 0)
            {
                chars[i] = Noise[random.Next(Noise.Length)];
            }
        }

        return new string(chars);
    }
}
