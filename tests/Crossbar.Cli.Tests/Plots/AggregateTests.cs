using Crossbar.Cli.Plots;

namespace Crossbar.Cli.Tests.Plots;

/// <summary>The aggregation arithmetic of plots: centre and band of each (x, series) group.</summary>
[TestFixture]
public class AggregateTests
{
    private static readonly double[] Values = [4.0, 1.0, 3.0, 2.0];

    [Test]
    public void When_Mean_Expect_MeanAndSampleStd()
    {
        var s = Aggregate.Summarize(Values, Aggregation.Mean, SpreadBand.Std);

        double std = Math.Sqrt(((1.5 * 1.5) + (0.5 * 0.5) + (0.5 * 0.5) + (1.5 * 1.5)) / 3.0);
        Assert.That(s.Center, Is.EqualTo(2.5).Within(1e-15));
        Assert.That(s.Low, Is.EqualTo(2.5 - std).Within(1e-15));
        Assert.That(s.High, Is.EqualTo(2.5 + std).Within(1e-15));
        Assert.That((s.Min, s.Max, s.Count), Is.EqualTo((1.0, 4.0, 4)));
    }

    [Test]
    public void When_MedianOddAndEven_Expect_MiddleOrMeanOfMiddleTwo()
    {
        Assert.That(Aggregate.Summarize(Values, Aggregation.Median, SpreadBand.None).Center, Is.EqualTo(2.5));
        Assert.That(Aggregate.Summarize([5.0, 1.0, 100.0], Aggregation.Median, SpreadBand.None).Center, Is.EqualTo(5.0));
    }

    [Test]
    public void When_MinMaxBand_Expect_ExtremesAroundMedian()
    {
        var s = Aggregate.Summarize([5.0, 1.0, 100.0], Aggregation.Median, SpreadBand.MinMax);

        Assert.That((s.Center, s.Low, s.High), Is.EqualTo((5.0, 1.0, 100.0)));
    }

    [Test]
    public void When_NoBandOrSingleValue_Expect_BandCollapsesToCentre()
    {
        var none = Aggregate.Summarize(Values, Aggregation.Mean, SpreadBand.None);
        var single = Aggregate.Summarize([7.0], Aggregation.Mean, SpreadBand.Std);

        Assert.That((none.Low, none.High), Is.EqualTo((2.5, 2.5)));
        Assert.That((single.Center, single.Low, single.High), Is.EqualTo((7.0, 7.0, 7.0)));
    }

    [Test]
    public void When_Empty_Expect_ArgumentException()
        => Assert.Throws<ArgumentException>(() => Aggregate.Summarize([], Aggregation.Mean, SpreadBand.Std));

    [Test]
    public void When_Grouped_Expect_OneSummaryPerXAndSeriesOrderedBySeriesThenX()
    {
        (double, string, double)[] rows =
        [
            (2, "b", 10), (1, "a", 1), (1, "a", 3), (2, "a", 5), (1, "b", 7), (2, "b", 20),
        ];

        var groups = Aggregate.Groups(rows, Aggregation.Mean, SpreadBand.MinMax);

        Assert.That(groups.Select(g => (g.Series, g.X, g.Summary.Center, g.Summary.Count)), Is.EqualTo(new[]
        {
            ("b", 1.0, 7.0, 1), ("b", 2.0, 15.0, 2), ("a", 1.0, 2.0, 2), ("a", 2.0, 5.0, 1),
        }));
        Assert.That((groups[1].Summary.Low, groups[1].Summary.High), Is.EqualTo((10.0, 20.0)));
    }
}
