using Crossbar.Devices.Programming;
using static Crossbar.Devices.Tests.Tolerance;

namespace Crossbar.Devices.Tests;

[TestFixture]
public sealed class ConductanceLevelsTests
{
    [Test]
    public void When_DefaultLevels_Expect_EightLinearLevelsFromHalfTo35Microsiemens()
    {
        var levels = new ConductanceLevels();
        Assert.That(levels.LevelCount, Is.EqualTo(8));
        double step = (35e-6 - 0.5e-6) / 7;
        AssertClose(levels.LinearStep, step, 1e-14);
        for (int k = 0; k < 8; k++)
        {
            AssertClose(levels.Levels[k], 0.5e-6 + (k * step), 1e-14);
        }
    }

    [Test]
    public void When_LogSpacing_Expect_ConstantRatio()
    {
        var levels = new ConductanceLevels(2, 1e-6, 27e-6, LevelSpacing.Logarithmic);
        AssertClose(levels.Levels[1], 3e-6, 1e-14);
        AssertClose(levels.Levels[2], 9e-6, 1e-14);
        AssertClose(levels.Levels[3], 27e-6, 1e-14);
        Assert.That(levels.Quantize(5.5e-6), Is.EqualTo(levels.Levels[1]));
        Assert.That(levels.Quantize(6.5e-6), Is.EqualTo(levels.Levels[2]));
        Assert.That(levels.Quantize(8.9e-6, QuantizationMode.Truncation), Is.EqualTo(levels.Levels[1]));
    }

    [Test]
    public void When_RoundingVersusTruncation_Expect_NearestVersusLowerLevel()
    {
        var levels = new ConductanceLevels(2, 0.0, 30e-6);
        Assert.Multiple(() =>
        {
            Assert.That(levels.Quantize(17e-6, QuantizationMode.Rounding), Is.EqualTo(20e-6).Within(1e-18));
            Assert.That(levels.Quantize(17e-6, QuantizationMode.Truncation), Is.EqualTo(10e-6).Within(1e-18));
            Assert.That(levels.Quantize(14e-6, QuantizationMode.Rounding), Is.EqualTo(10e-6).Within(1e-18));
            Assert.That(levels.Quantize(20e-6, QuantizationMode.Truncation), Is.EqualTo(20e-6).Within(1e-18));
            Assert.That(levels.Quantize(29.999e-6, QuantizationMode.Truncation), Is.EqualTo(20e-6).Within(1e-18));
            Assert.That(levels.Quantize(-5e-6), Is.EqualTo(0.0));
            Assert.That(levels.Quantize(99e-6), Is.EqualTo(30e-6));
            Assert.That(levels.LevelIndex(25e-6), Is.EqualTo(3));
        });
    }

    [Test]
    public void When_EveryLevelQuantized_Expect_ItselfInBothModes()
    {
        var levels = new ConductanceLevels(5, 0.5e-6, 35e-6);
        foreach (double g in levels.Levels)
        {
            Assert.That(levels.Quantize(g, QuantizationMode.Truncation), Is.EqualTo(g));
            Assert.That(levels.Quantize(g, QuantizationMode.Rounding), Is.EqualTo(g));
        }
    }

    [Test]
    public void When_ZeroBits_Expect_ContinuousClippedValues()
    {
        var levels = new ConductanceLevels(0);
        Assert.Multiple(() =>
        {
            Assert.That(levels.IsContinuous, Is.True);
            Assert.That(levels.LevelCount, Is.EqualTo(0));
            Assert.That(levels.Quantize(12.345e-6), Is.EqualTo(12.345e-6));
            Assert.That(levels.Quantize(0.1e-6), Is.EqualTo(0.5e-6));
            Assert.That(levels.Quantize(50e-6, QuantizationMode.Truncation), Is.EqualTo(35e-6));
        });
    }

    [TestCase(3, DifferentialReference.MinimumConductance)]
    [TestCase(4, DifferentialReference.Zero)]
    public void When_DifferentialRoundTrip_Expect_ErrorWithinHalfStep(int bits, DifferentialReference reference)
    {
        var levels = new ConductanceLevels(bits);
        var random = SeededRandom.Create(7);
        var a = new double[6, 5];
        for (int i = 0; i < 6; i++)
        {
            for (int j = 0; j < 5; j++)
            {
                a[i, j] = (2 * random.NextDouble()) - 1;
            }
        }

        a[0, 0] = 0.0;
        a[1, 1] = 1.0;
        a[2, 2] = -1.0;
        double scale = levels.FullScale(1.0, reference);
        var pair = levels.MapDifferential(a, scale, reference);
        var back = pair.Values();
        double halfStep = levels.LinearStep / 2 / scale;
        double lowest = reference == DifferentialReference.Zero ? levels.MinConductance / scale : 0.0;
        for (int i = 0; i < 6; i++)
        {
            for (int j = 0; j < 5; j++)
            {
                double bound = Math.Abs(a[i, j]) < lowest ? lowest : halfStep;
                Assert.That(back[i, j], Is.EqualTo(a[i, j]).Within(bound + 1e-12), $"entry ({i},{j})");
                Assert.That(a[i, j] >= 0 ? pair.Negative[i, j] : pair.Positive[i, j],
                    Is.EqualTo(reference == DifferentialReference.Zero ? 0.0 : levels.MinConductance), "inactive cell");
            }
        }

        Assert.Multiple(() =>
        {
            Assert.That(back[0, 0], Is.EqualTo(0.0));
            Assert.That(back[1, 1], Is.EqualTo(1.0).Within(1e-12));
            Assert.That(back[2, 2], Is.EqualTo(-1.0).Within(1e-12));
        });
    }

    [Test]
    public void When_DifferentialContinuous_Expect_ExactRoundTrip()
    {
        var levels = new ConductanceLevels(0);
        double[][] a = [[0.3, -0.7], [-1.0, 0.0]];
        var pair = levels.MapDifferential(a, levels.FullScale(1.0));
        var back = pair.Values();
        AssertClose(back[0, 0], 0.3, 1e-12);
        AssertClose(back[0, 1], -0.7, 1e-12);
        AssertClose(back[1, 0], -1.0, 1e-12);
        Assert.That(back[1, 1], Is.EqualTo(0.0));
    }

    [Test]
    public void When_NonNegativeMapping_Expect_ScaledQuantizedConductances()
    {
        var levels = new ConductanceLevels(2, 0.0, 30e-6);
        var g = levels.MapMatrix(new double[,] { { 0.0, 1.0 }, { 2.0, 3.0 } }, 10e-6);
        Assert.That(g, Is.EqualTo(new double[,] { { 0.0, 10e-6 }, { 20e-6, 30e-6 } }).Within(1e-18));
    }

    [Test]
    public void When_NegativeEntryInSingleArrayMapping_Expect_ArgumentExceptionNamingMatrix()
    {
        var ex = Assert.Throws<ArgumentException>(() => new ConductanceLevels().MapMatrix(new double[,] { { 1.0, -0.5 } }, 1e-6));
        Assert.That(ex!.ParamName, Is.EqualTo("matrix"));
        Assert.That(ex.Message, Does.Contain("matrix[0,1]"));
    }

    [Test]
    public void When_RaggedJaggedMatrix_Expect_ArgumentException()
    {
        var ex = Assert.Throws<ArgumentException>(() => ConductanceLevels.ToRectangular([[1.0, 2.0], [3.0]]));
        Assert.That(ex!.Message, Does.Contain("row 1"));
    }

    [TestCase(-1)]
    [TestCase(17)]
    public void When_BitsOutOfRange_Expect_ArgumentExceptionNamingBits(int bits)
    {
        var ex = Assert.Throws<ArgumentException>(() => _ = new ConductanceLevels(bits));
        Assert.That(ex!.ParamName, Is.EqualTo("bits"));
    }

    [Test]
    public void When_MaxNotAboveMin_Expect_ArgumentExceptionNamingMax()
    {
        var ex = Assert.Throws<ArgumentException>(() => _ = new ConductanceLevels(3, 10e-6, 5e-6));
        Assert.That(ex!.ParamName, Is.EqualTo("maxConductance"));
    }
}
