using Crossbar.Circuit.Amc;

namespace Crossbar.Circuit.Tests.Amc;

public class CostModelTests
{
    private const double Conv = 11e-9; // 1 ns DAC + 10 ns ADC (CostAssumptions defaults)

    private static readonly AmcOperationModel Ops = new(8, 60e-9, 120e-9, Conv);

    /// <summary>HP-INV at ideal fidelity on the seed-3 diagonally dominant N×N system (2% LP-INV, 0.5% HP-MVM programming error).</summary>
    private static HpInvResult IdealRun(int n, HpInvOuter outer, int restart, EquilibrationKind equilibrate) => HpInvSolver.Solve(
        MatrixGenerators.DiagonallyDominant(n, seed: 3),
        AmcTestData.Rhs(n, 3),
        new HpInvOptions
        {
            Backend = new IdealAnalogBackend(new AnalogBackendOptions { ProgrammingSigma = 0.02, DacBits = 8, AdcBits = 8 }),
            MvmBackend = new IdealAnalogBackend(new AnalogBackendOptions { ProgrammingSigma = 0.005, DacBits = 8, AdcBits = 8 }),
            Seed = 5,
            Outer = outer,
            Restart = restart,
            Equilibrate = equilibrate,
        });

    private static CostModel Model(double lpPulses = 2.0, double mvmPulses = 3.0) => new(CostAssumptions.Default, Ops, 9, 32, lpPulses, mvmPulses);

    [Test]
    public void When_OneStageBlockAmc16_Expect_CriticalPathOfThreeInvAndTwoMvm()
    {
        var t = Ops.BlockAmcSolve(16);
        Assert.That(t.InvOperations, Is.EqualTo(3));
        Assert.That(t.MvmOperations, Is.EqualTo(2));
        Assert.That(t.CriticalTime, Is.EqualTo((3 * (120e-9 + Conv)) + (2 * (60e-9 + Conv))).Within(1e-15));
        Assert.That(t.DacConversions, Is.EqualTo((3 * 8) + (2 * 8)));
        Assert.That(t.OpAmpSeconds, Is.EqualTo((3 * 16 * 120e-9) + (2 * 16 * 60e-9)).Within(1e-15));
    }

    [Test]
    public void When_HpMvm16_Expect_PlanesSequentialSlicesAndTilesParallel()
    {
        var t = Ops.HpMvm(16, slices: 9, planes: 32);
        Assert.That(t.MvmOperations, Is.EqualTo(32 * 9 * 4));
        Assert.That(t.CriticalTime, Is.EqualTo(32 * (60e-9 + Conv)).Within(1e-15));
        Assert.That(t.SerialTime, Is.EqualTo(32 * 9 * 4 * (60e-9 + Conv)).Within(1e-12));
        Assert.That(t.AdcConversions, Is.EqualTo(32 * 9 * 4 * 8));
    }

    [Test]
    public void When_ModelCountsAreComparedWithASimulatedRun_Expect_TheSameOperations()
    {
        int n = 32;
        var run = IdealRun(n, HpInvOuter.Refine, 20, EquilibrationKind.None);
        var total = Ops.Iteration(n, 9, 32).Repeat(CostModel.Iterations(run));
        Assert.That(run.Cost.MvmOperations, Is.EqualTo(total.MvmOperations));
        Assert.That(run.Cost.InvOperations, Is.EqualTo(total.InvOperations));
        Assert.That(run.Cost.DacConversions, Is.EqualTo(total.DacConversions));
        Assert.That(run.Cost.AdcConversions, Is.EqualTo(total.AdcConversions));
        Assert.That(run.Cost.AnalogTime, Is.EqualTo(total.SerialSettle).Within(1e-9 * total.SerialSettle));
        Assert.That(run.Cost.CellSeconds, Is.EqualTo(total.CellSeconds).Within(1e-9 * total.CellSeconds));
        Assert.That(run.Cost.ProgrammedArrays, Is.EqualTo(Ops.LpInvArrays(n).Count() + (9 * Ops.Tiles(n, n).Count())));
    }

    [TestCase(HpInvOuter.Refine, EquilibrationKind.None)]
    [TestCase(HpInvOuter.Refine, EquilibrationKind.RowColumn)]
    [TestCase(HpInvOuter.Fgmres, EquilibrationKind.None)]
    [TestCase(HpInvOuter.Fgmres, EquilibrationKind.Rows)]
    [TestCase(HpInvOuter.Fgmres, EquilibrationKind.RowColumn)]
    public void When_SolverFlopsModelIsComparedWithARun_Expect_WhatTheSolverCounted(HpInvOuter outer, EquilibrationKind equilibrate)
    {
        // The model of the solver-side flops (used for sizes without a run) against the counter of a real run,
        // with a restart short enough that the run has more than one FGMRES cycle.
        int n = 32;
        var run = IdealRun(n, outer, 3, equilibrate);
        var solver = new CostModel(CostAssumptions.Default, Ops, 9, 32, 2.0, 3.0) { Solver = (outer, 3, equilibrate) };
        Assert.That(run.Stop, Is.EqualTo(HpInvStop.Converged));
        Assert.That(solver.SolverFlops(n, CostModel.Iterations(run)), Is.EqualTo((double)run.Cost.DigitalFlops), $"{CostModel.Iterations(run)} LP-INV calls");
        double withRun = solver.Analog(n, run, 0).Terms["solver_digital_s"];
        Assert.That(withRun, Is.EqualTo(run.Cost.DigitalFlops / CostAssumptions.Default.CpuCoreFlopRate).Within(1e-15));
    }

    [Test]
    public void When_AnalogRow16_Expect_TermsAsByHand()
    {
        var row = Model().Analog(16, run: null, fallbackIterations: 4);
        double iteration = (3 * (120e-9 + Conv)) + (2 * (60e-9 + Conv)) + (32 * (60e-9 + Conv));
        Assert.That(row.Terms["analog_critical_s"], Is.EqualTo(4 * iteration).Within(1e-15));
        long dac = 4 * (40 + (32 * 9 * 4 * 8));
        Assert.That(row.Terms["conversion_J"], Is.EqualTo((dac * 0.5e-12) + (dac * 2e-12)).Within(1e-20), "DAC and ADC conversions are equal in number for square arrays");
        Assert.That(row.Time, Is.EqualTo(row.Terms["analog_critical_s"] + row.Terms["digital_s"]).Within(1e-18));
        Assert.That(row.Terms["digital_J"], Is.EqualTo(row.Terms["digital_s"] * 3.75).Within(1e-18));
        Assert.That(row.Terms["analog_critical_s"], Is.LessThanOrEqualTo(row.Terms["analog_serial_s"]));
    }

    [Test]
    public void When_Programming8_Expect_CellsTimesPulses()
    {
        var (time, energy) = Model(lpPulses: 2.0, mvmPulses: 3.0).Programming(8);
        Assert.That(energy, Is.EqualTo(((128 * 2.0) + (9 * 128 * 3.0)) * 20e-12).Within(1e-20));
        Assert.That(time, Is.EqualTo(128 * 3.0 * 200e-9).Within(1e-15), "arrays in parallel, cells of one array in series");
    }

    [Test]
    public void When_Gpu16_Expect_RooflinePlusLaunch()
    {
        var model = Model();
        var single = model.Gpu(16, batched: false);
        double memory = 4.0 * (256 + 32) / 3.35e12;
        Assert.That(single.Time, Is.EqualTo(memory + 5e-6).Within(1e-18));
        Assert.That(single.Energy, Is.EqualTo(single.Time * 700).Within(1e-15));
        var batched = model.Gpu(16, batched: true);
        Assert.That(batched.Time, Is.EqualTo(memory + (5e-6 / 1024)).Within(1e-18));
        var large = model.Gpu(4096, batched: false);
        Assert.That(large.Terms["gpu_compute_s"], Is.EqualTo(CostModel.LuFlops(4096) / 67e12).Within(1e-15));
        Assert.That(large.DominantTerm, Is.EqualTo("gpu_compute_s"));
    }

    [Test]
    public void When_CpuAboveMeasured_Expect_CubicScaling()
    {
        var row = Model().Cpu(512, null, (256, 1e-3));
        Assert.That(row.Time, Is.EqualTo(8e-3).Within(1e-15));
        Assert.That(row.Energy, Is.EqualTo(8e-3 * 3.75).Within(1e-15));
        Assert.That(row.Source, Does.StartWith("extrapolated"));
    }

    [Test]
    public void When_SizeGrows_Expect_CriticalPathWithinSerialSumAndMonotoneCosts()
    {
        var model = Model();
        CostRow? previous = null;
        foreach (int n in new[] { 8, 16, 24, 64, 100, 128, 256, 512, 1024 })
        {
            var row = model.Analog(n, null, 5);
            Assert.That(row.Terms["analog_critical_s"], Is.LessThanOrEqualTo(row.Terms["analog_serial_s"] * (1 + 1e-12)), $"N={n}");
            if (previous is not null)
            {
                Assert.That(row.Time, Is.GreaterThan(previous.Time), $"time at N={n}");
                Assert.That(row.Energy, Is.GreaterThan(previous.Energy), $"energy at N={n}");
                Assert.That(row.Terms["programming_J"], Is.GreaterThan(previous.Terms["programming_J"]), $"programming at N={n}");
                Assert.That(model.Cpu(n, null, (64, 1e-4)).Time, Is.GreaterThan(model.Cpu(previous.Size, null, (64, 1e-4)).Time));
                Assert.That(model.Gpu(n, false).Time, Is.GreaterThan(model.Gpu(previous.Size, false).Time));
            }

            previous = row;
        }
    }

    [Test]
    public void When_WriteVerifyIsTighter_Expect_MorePulses()
    {
        double loose = ProgrammingCost.MeanPulses(3, 0.05, 1);
        double tight = ProgrammingCost.MeanPulses(3, 0.005, 1);
        Assert.That(loose, Is.GreaterThan(0.0));
        Assert.That(tight, Is.GreaterThan(loose));
    }

    [Test]
    public void When_LuTimeIsMeasured_Expect_PositiveFiniteMedian()
    {
        var a = MatrixGenerators.DiagonallyDominant(16, seed: 1);
        double t = DigitalReference.MeasureLuSolveTime(a, AmcTestData.Rhs(16, 1), repeats: 5);
        Assert.That(double.IsFinite(t) && t > 0, Is.True);
    }

    [Test]
    public void When_OneCellInv_Expect_TauFromGbwAndMuMin()
    {
        var circuit = new Crossbar.Circuit.Builders.CrossbarBuildOptions();
        double mu = (35e-6 - 0.5e-6) / (35e-6 + 0.5e-6);
        double tau = 1.0 / (2 * Math.PI * 16e6 * (mu + 1e-5));
        Assert.That(InvSettling.Leaf(new double[,] { { 1.0 } }, circuit, 8), Is.EqualTo(tau * Math.Log(512)).Within(1e-12 * tau));
        Assert.That(InvSettling.Leaves(MatrixGenerators.DiagonallyDominant(32, seed: 1), 8).Count(), Is.EqualTo(4));
    }
}
