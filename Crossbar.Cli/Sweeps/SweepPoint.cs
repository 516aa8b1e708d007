namespace Crossbar.Cli.Sweeps;

/// <summary>
/// One point of a sweep: a combination of the swept values (<see cref="Index"/> in the Cartesian order, the first
/// option slowest) and one replicate (0 … seeds−1), with the seed derived for it.
/// </summary>
/// <param name="Index">Position of the value combination in the Cartesian product.</param>
/// <param name="Replicate">Which of the <c>--seeds</c> repetitions this is.</param>
/// <param name="Seed">The <c>--seed</c> the command runs with (<see cref="PointSeed"/>).</param>
/// <param name="Values">The swept options' values, in the order of <see cref="SweepPlan.Axes"/>.</param>
/// <param name="Key">Canonical text of the swept values and replicate: what shards, resumes and merges match on.</param>
public sealed record SweepPoint(int Index, int Replicate, int Seed, IReadOnlyList<string> Values, string Key)
{
    /// <summary>The point's identity in results.csv: (point, replicate).</summary>
    public (int Point, int Replicate) Id => (Index, Replicate);
}
