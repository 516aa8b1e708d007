using System.Runtime;
using Crossbar.Cli.Commands;
using NUnit.Framework;

namespace Crossbar.Cli.Tests;

[TestFixture]
[NonParallelizable]
public class CollectionPauseTests
{
    [Test]
    public void When_RunStaysInBudget_Expect_NoCollectionAndCollectorRestored()
    {
        GCLatencyMode before = GCSettings.LatencyMode;
        int collections;
        using (CollectionPause.Start(1_000_000))
        {
            Assert.That(GCSettings.LatencyMode, Is.EqualTo(GCLatencyMode.NoGCRegion));
            collections = GC.CollectionCount(0);
            var kept = new List<double[]>();
            for (int i = 0; i < 100; i++)
            {
                kept.Add(new double[10_000]);
            }

            Assert.That(GC.CollectionCount(0), Is.EqualTo(collections));
            GC.KeepAlive(kept);
        }

        Assert.That(GCSettings.LatencyMode, Is.EqualTo(before));
    }

    [Test]
    public void When_RunExceedsBudget_Expect_CollectorResumesWithoutError()
    {
        GCLatencyMode before = GCSettings.LatencyMode;
        using (CollectionPause.Start(0))
        {
            for (int i = 0; i < 40; i++)
            {
                GC.KeepAlive(new byte[CollectionPause.MinimumBudgetBytes / 4]);
            }

            Assert.That(GCSettings.LatencyMode, Is.Not.EqualTo(GCLatencyMode.NoGCRegion));
        }

        Assert.That(GCSettings.LatencyMode, Is.EqualTo(before));
    }
}
