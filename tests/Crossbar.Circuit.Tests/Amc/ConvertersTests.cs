using Crossbar.Circuit.Amc;

namespace Crossbar.Circuit.Tests.Amc;

public class ConvertersTests
{
    [Test]
    public void When_TheAdcFullScaleUnderflows_Expect_ZerosNotNaN()
    {
        // An array programmed to all zeros has a full scale of double.Epsilon: its LSB underflows to 0.
        double[] y = [0.0, 1e-320, -0.0];
        bool clipped = Converters.Adc(y, 8, double.Epsilon);
        Assert.That(y, Is.All.EqualTo(0.0));
        Assert.That(clipped, Is.False);
    }

    [Test]
    public void When_AnAdcConverts_Expect_TheNearestCodeAndClippingAtFullScale()
    {
        double[] y = [0.5, 2.0, -0.0031];
        bool clipped = Converters.Adc(y, 8, 1.0);
        Assert.That(y[0], Is.EqualTo(64.0 / 127.0).Within(1e-15), "0.5·127 = 63.5 rounds away from zero to 64");
        Assert.That(y[1], Is.EqualTo(1.0).Within(1e-15));
        Assert.That(y[2], Is.EqualTo(0.0).Within(1e-15));
        Assert.That(clipped, Is.True);
    }
}
