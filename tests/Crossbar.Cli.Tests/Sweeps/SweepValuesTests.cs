using Crossbar.Cli.Commands;
using Crossbar.Cli.Sweeps;

namespace Crossbar.Cli.Tests.Sweeps;

public class SweepValuesTests
{
    [Test]
    public void When_AListIsGiven_Expect_ItsItemsInOrder()
        => Assert.That(SweepValues.Expand("--size", "8,16,32"), Is.EqualTo(new[] { "8", "16", "32" }));

    [Test]
    public void When_AFractionalRangeIsGiven_Expect_ExactDecimalValuesWithTheStopIncluded()
        => Assert.That(SweepValues.Expand("--prog-sigma", "0:0.01:0.04"), Is.EqualTo(new[] { "0", "0.01", "0.02", "0.03", "0.04" }));

    [Test]
    public void When_AnIntegerRangeAndAListAreMixed_Expect_IntegersInTheOrderGiven()
        => Assert.That(SweepValues.Expand("--size", "2,4:4:16"), Is.EqualTo(new[] { "2", "4", "8", "12", "16" }));

    [Test]
    public void When_ARangeRunsDownward_Expect_ItsValues()
        => Assert.That(SweepValues.Expand("--snr", "10:-5:-10"), Is.EqualTo(new[] { "10", "5", "0", "-5", "-10" }));

    [Test]
    public void When_AStepOvershootsTheStop_Expect_TheStopLeftOut()
        => Assert.That(SweepValues.Expand("--bits", "1:3:8"), Is.EqualTo(new[] { "1", "4", "7" }));

    [TestCase("8,,16", "empty item")]
    [TestCase("0:0:1", "does not lead")]
    [TestCase("1:1:0", "does not lead")]
    [TestCase("0:x:1", "'x' is not a number")]
    [TestCase("1:2", "three numbers")]
    [TestCase("8,16,8", "listed twice")]
    [TestCase("0:1e-9:1", "more than")]
    public void When_AValueIsMalformed_Expect_AnErrorNamingTheOption(string text, string reason)
    {
        var ex = Assert.Throws<UsageException>(() => SweepValues.Expand("--opt", text));
        Assert.That(ex!.Message, Does.Contain("--opt").And.Contain(reason));
    }
}
