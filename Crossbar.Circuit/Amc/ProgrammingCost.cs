using Crossbar.Devices.Programming;

namespace Crossbar.Circuit.Amc;

/// <summary>Mean write-verify pulses per cell from the programmer model (<see cref="WriteVerifyProgrammer"/>, default
/// options except the tolerance band).</summary>
public static class ProgrammingCost
{
    /// <summary>Mean pulses per cell for targets spread evenly over the 2^bits levels of the default conductance range,
    /// verified to a relative tolerance (a 32×32 sample of cells).</summary>
    /// <param name="bits">Bits per cell.</param>
    /// <param name="relativeTolerance">Verify band, relative to the target (the programming error σ).</param>
    /// <param name="seed">Seed.</param>
    /// <returns>Mean pulses per cell.</returns>
    public static double MeanPulses(int bits, double relativeTolerance, int seed)
    {
        var levels = new ConductanceLevels(Math.Max(1, bits));
        const int side = 32;
        var targets = new double[side * side];
        for (int i = 0; i < targets.Length; i++)
        {
            targets[i] = levels.Levels[i % levels.LevelCount];
        }

        var programmer = new WriteVerifyProgrammer(new WriteVerifyOptions { RelativeTolerance = relativeTolerance });
        return programmer.Program(targets, side, side, seed).MeanPulses;
    }
}
