using NUnit.Framework;
using Crossbar.Circuit.Netlists;

namespace Crossbar.Circuit.Tests.Netlists;

[TestFixture]
public class NgspiceCompatibilityTests
{
    private static string Ngspice()
    {
        var executable = NgspiceRunner.Find();
        if (executable is null)
        {
            Assert.Ignore("ngspice is not on PATH; install it (Debian package 'ngspice') to check that written decks run");
        }

        return executable!;
    }

    private static IEnumerable<TestCaseData> Cases()
    {
        yield return new TestCaseData(Decks.Representative, false).SetArgDisplayNames("representative");
        yield return new TestCaseData(Decks.Representative, true).SetArgDisplayNames("representative-flattened");
        yield return new TestCaseData(Decks.Rc, false).SetArgDisplayNames("rc");
    }

    [TestCaseSource(nameof(Cases))]
    public void When_WrittenDeckRunInNgspice_Expect_ExitZeroAndNoError(string deck, bool flatten)
    {
        var executable = Ngspice();
        var netlist = NetlistReader.ReadText(deck);
        if (flatten)
        {
            netlist = SubcircuitFlattener.Flatten(netlist);
        }

        var (exitCode, output) = NgspiceRunner.Run(executable, NetlistWriter.Write(netlist));

        Assert.That(exitCode, Is.Zero, output);
        Assert.That(output, Does.Not.Contain("error").IgnoreCase, output);
    }
}
