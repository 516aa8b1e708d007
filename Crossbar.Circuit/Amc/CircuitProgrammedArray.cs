using Crossbar.Circuit.Builders;
using Crossbar.Circuit.Engine;
using Crossbar.Circuit.Netlists;
using Crossbar.Circuit.Simulation;

namespace Crossbar.Circuit.Amc;

/// <summary>
/// An array programmed for the circuit backend. Its MVM and INV circuits are built and compiled once, on the first
/// operation of each kind (from <see cref="MvmCircuitBuilder"/> and <see cref="InvCircuitBuilder"/> with the backend's
/// hardware, exactly what <c>crossbar mvm</c>/<c>inv</c> would build on these conductances); every further operation
/// only rescales the input sources and solves again from the last answer (<see cref="CircuitSession"/>).
/// </summary>
internal sealed class CircuitProgrammedArray : IProgrammedArray
{
    private readonly CircuitAnalogBackend _backend;
    private readonly IdealProgrammedArray _programmed;
    private readonly ConductanceMapping _nominal;
    private readonly double _mvmFullScale;
    private readonly double _invFullScale;
    private Compiled<MvmCircuit>? _mvm;
    private Compiled<InvCircuit>? _inv;
    private double[,]? _effectiveMatrix;
    private double[,]? _effectiveInverse;

    public CircuitProgrammedArray(CircuitAnalogBackend backend, IdealProgrammedArray programmed)
    {
        _backend = backend;
        _programmed = programmed;
        Realized = programmed.Realized;
        (double[,] plus, double[,] minus) = programmed.ProgrammedConductances;
        _nominal = ConductanceMapping.FromConductances(plus, minus, programmed.Scale);
        _mvmFullScale = Math.Max(MatrixOps.MaxAbsRowSum(Realized), double.Epsilon);
        _invFullScale = Rows == Columns ? InverseRowSum(Realized) : double.Epsilon;
    }

    public int Rows => Realized.GetLength(0);

    public int Columns => Realized.GetLength(1);

    public double[,] Realized { get; }

    private CircuitAnalysis Analysis => _backend.Fidelity == Fidelity.Transient ? CircuitAnalysis.Transient : CircuitAnalysis.OperatingPoint;

    public AnalogResult Multiply(ReadOnlySpan<double> x)
    {
        if (x.Length != Columns)
        {
            throw new ArgumentException($"MVM input has {x.Length} entries, the array has {Columns} columns.", nameof(x));
        }

        double[] v = Converters.Dac(x, _backend.Options.DacBits, out bool clipped);
        if (v.All(value => value == 0))
        {
            return new AnalogResult(new double[Rows], _backend.Options.MvmTime, clipped);
        }

        (double[] y, double settle) = RunMvm(v, ReadMapping(), transient: _backend.Fidelity == Fidelity.Transient, record: true);
        bool saturated = Converters.Adc(y, _backend.Options.AdcBits, _mvmFullScale);
        return new AnalogResult(y, settle, clipped || saturated);
    }

    public AnalogResult Solve(ReadOnlySpan<double> b)
    {
        if (Rows != Columns)
        {
            throw new InvalidOperationException($"INV needs a square array; this one is {Rows}×{Columns}.");
        }

        double[] v = Converters.Dac(b, _backend.Options.DacBits, out bool clipped);
        if (v.All(value => value == 0))
        {
            return new AnalogResult(new double[Rows], _backend.Options.InvTime, clipped);
        }

        (double[] x, double settle) = RunInv(v, ReadMapping(), transient: _backend.Fidelity == Fidelity.Transient, record: true);
        bool saturated = Converters.Adc(x, _backend.Options.AdcBits, _invFullScale);
        return new AnalogResult(x, settle, clipped || saturated);
    }

    public double[,] EffectiveMatrix() => _effectiveMatrix ??= Measure(Columns, e => RunMvm(e, _nominal, transient: false, record: false).Values);

    public double[,] EffectiveInverse()
    {
        if (Rows != Columns)
        {
            throw new InvalidOperationException($"INV needs a square array; this one is {Rows}×{Columns}.");
        }

        return _effectiveInverse ??= Measure(Rows, e => RunInv(e, _nominal, transient: false, record: false).Values);
    }

    private (double[] Values, double Settle) RunMvm(double[] v, ConductanceMapping mapping, bool transient, bool record)
    {
        CrossbarBuildOptions hardware = _backend.Circuit;
        Compiled<MvmCircuit> Compiled() => _mvm ??= Compile(MvmCircuitBuilder.Build(_nominal, Ones(Columns), hardware, Analysis), c => c.Netlist, c => c.InputSources, c => c.InputValues, Columns);
        if (record && _backend.Capture(OperationKind.Mvm) is { } capture)
        {
            // With the feedback conductance of the circuit built on the programmed conductances, as simulated.
            capture(MvmCircuitBuilder.Build(mapping, v, hardware, Analysis, Compiled().Circuit.FeedbackConductance).Netlist);
        }

        double nominal = _backend.Options.MvmTime;
        if (!_backend.ReuseCircuits)
        {
            MvmCircuit single = MvmCircuitBuilder.Build(mapping, v, hardware, Analysis);
            ResultTable result = Simulate(single.Netlist, transient);
            return (single.ReadResult(result), transient ? Settle(result, single.OutputNodes) : nominal);
        }

        Compiled<MvmCircuit> compiled = Compiled();
        (double[] drive, _, double perUnit) = MvmCircuitBuilder.Inputs(mapping, v, hardware, compiled.Circuit.FeedbackConductance);
        double[] values = [.. drive, .. mapping.IsDifferential ? drive.Select(d => -d) : []];
        ResultTable table = compiled.Run(mapping, values, transient, ReferenceEquals(mapping, _nominal));
        return (compiled.Circuit.ReadResult(table, perUnit), transient ? Settle(table, compiled.Circuit.OutputNodes) : nominal);
    }

    private (double[] Values, double Settle) RunInv(double[] v, ConductanceMapping mapping, bool transient, bool record)
    {
        CrossbarBuildOptions hardware = _backend.Circuit;
        if (record && _backend.Capture(OperationKind.Inv) is { } capture)
        {
            capture(InvCircuitBuilder.Build(mapping, v, hardware, Analysis).Netlist);
        }

        double nominal = _backend.Options.InvTime;
        if (!_backend.ReuseCircuits)
        {
            InvCircuit single = InvCircuitBuilder.Build(mapping, v, hardware, Analysis);
            ResultTable result = Simulate(single.Netlist, transient);
            return (single.ReadSolution(result), transient ? Settle(result, single.OutputNodes) : nominal);
        }

        Compiled<InvCircuit> compiled = _inv ??= Compile(InvCircuitBuilder.Build(_nominal, Ones(Rows), hardware, Analysis), c => c.Netlist, c => c.InputSources, c => c.InputValues, Rows);
        (double[] values, double perUnit) = InvCircuitBuilder.Inputs(mapping, v, hardware);
        ResultTable table = compiled.Run(mapping, values, transient, ReferenceEquals(mapping, _nominal));
        return (compiled.Circuit.ReadSolution(table, perUnit), transient ? Settle(table, compiled.Circuit.OutputNodes) : nominal);
    }

    private static ResultTable Simulate(Netlist netlist, bool transient)
    {
        CircuitSession session = CircuitSession.Compile(netlist);
        return transient ? session.Transient(fixedStep: true) : session.OperatingPoint();
    }

    private static Compiled<T> Compile<T>(T circuit, Func<T, Netlist> netlist, Func<T, IReadOnlyList<string>> sources, Func<T, IReadOnlyList<double>> values, int groups)
        => new(circuit, CircuitSession.Compile(netlist(circuit)), sources(circuit), values(circuit), groups);

    /// <summary>The conductances of this read (white read noise drawn per operation when enabled).</summary>
    private ConductanceMapping ReadMapping()
    {
        if (_backend.Options.ReadNoiseSigma == 0)
        {
            return _nominal;
        }

        (double[,] plus, double[,] minus) = _programmed.ReadConductances();
        return ConductanceMapping.FromConductances(plus, minus, _programmed.Scale);
    }

    private double Settle(ResultTable table, IReadOnlyList<string> outputs)
    {
        double worst = 0;
        foreach (double t in SettlingTime.Of(table, outputs.Select(o => $"v({o})")))
        {
            worst = double.IsNaN(t) ? double.PositiveInfinity : Math.Max(worst, t);
        }

        return worst;
    }

    private static double[,] Measure(int n, Func<double[], double[]> response)
    {
        double[,]? m = null;
        for (int j = 0; j < n; j++)
        {
            var e = new double[n];
            e[j] = 1;
            double[] column = response(e);
            m ??= new double[column.Length, n];
            for (int i = 0; i < column.Length; i++)
            {
                m[i, j] = column[i];
            }
        }

        return m!;
    }

    private static double[] Ones(int n) => Enumerable.Repeat(1.0, n).ToArray();

    private static double InverseRowSum(double[,] realized)
    {
        var inverse = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfArray(realized).Inverse().ToArray();
        return Math.Max(MatrixOps.MaxAbsRowSum(inverse), double.Epsilon);
    }

    /// <summary>
    /// A generated circuit compiled once: its session and the source values it was built with. Sources form groups, one
    /// per input entry (group of source k: k mod groups; an MVM column drives both arrays). A nonlinear circuit's
    /// operating point starts from the superposition of its responses to each group alone at full scale of the input's
    /// sign, x ≈ x₀ + Σ_g |s_g|·(x_g^sign(s_g) − x₀), measured once (2·groups + 1 solves): the circuit is nearly linear
    /// (the access transistors' on-conductance moves with the column voltage, which the sign-wise basis captures), so
    /// Newton then needs a chord step or two instead of a factorisation per operation. Transients run on a fixed time
    /// grid; a linear circuit's are superposed the same way from its transients for each group alone.
    /// </summary>
    private sealed class Compiled<T>(T circuit, CircuitSession session, IReadOnlyList<string> sources, IReadOnlyList<double> builtValues, int groups)
    {
        private double[]? _zero;
        private readonly Elements.IndependentSource[] _sources = [.. sources.Select(session.Source)];
        private double[][]? _unit;
        private ConductanceMapping? _loaded;
        private ResultTable? _tranZero;
        private ResultTable[]? _tranUnit;
        private double[]? _guess;

        public T Circuit { get; } = circuit;

        /// <summary>
        /// Loads the conductances of this read into the arrays (when they differ from the last), scales the sources to
        /// <paramref name="values"/> and solves (operating point, or transient from t = 0; <paramref name="nominal"/>: the
        /// conductances are the programmed ones, for which the superposition bases hold).
        /// </summary>
        public ResultTable Run(ConductanceMapping mapping, double[] values, bool transient, bool nominal)
        {
            if (!ReferenceEquals(mapping, _loaded))
            {
                session.Array("xp").SetConductances(Flatten(mapping.Positive));
                if (mapping.Negative is { } negative)
                {
                    session.Array("xn").SetConductances(Flatten(negative));
                }

                _loaded = mapping;
            }

            var scales = new double[sources.Count];
            for (int k = 0; k < scales.Length; k++)
            {
                scales[k] = values[k] / builtValues[k];
            }

            if (transient)
            {
                if (!session.Circuit.IsNonlinear && nominal)
                {
                    return Superpose(scales);
                }

                Scale(scales);
                return session.Transient(fixedStep: true);
            }

            if (!session.Circuit.IsNonlinear)
            {
                Scale(scales);
                return session.OperatingPoint();
            }

            double[] zero = Basis();
            _guess ??= new double[zero.Length];
            zero.CopyTo(_guess, 0);
            for (int g = 0; g < groups; g++)
            {
                double s = scales[g];
                if (s != 0)
                {
                    double[] unit = s > 0 ? _unit![g] : _unit![groups + g];
                    double magnitude = Math.Abs(s);
                    for (int i = 0; i < _guess.Length; i++)
                    {
                        _guess[i] += magnitude * (unit[i] - zero[i]);
                    }
                }
            }

            Scale(scales);
            return session.OperatingPoint(_guess);
        }

        /// <summary>
        /// The transient of a linear circuit for these source scales: h₀ + Σ_g s_g·(h_g − h₀), h_g its transient with
        /// group g alone at the built values and h₀ with every source at zero, all on the same fixed time grid. The
        /// discretised circuit is linear in its sources on a fixed grid, so this is the transient it would compute.
        /// </summary>
        private ResultTable Superpose(double[] scales)
        {
            if (_tranZero is null)
            {
                var basis = new double[sources.Count];
                Scale(basis);
                _tranZero = session.Transient(fixedStep: true);
                _tranUnit = new ResultTable[groups];
                for (int g = 0; g < groups; g++)
                {
                    for (int k = 0; k < basis.Length; k++)
                    {
                        basis[k] = k % groups == g ? 1 : 0;
                    }

                    Scale(basis);
                    _tranUnit[g] = session.Transient(fixedStep: true);
                    if (_tranUnit[g].Rows.Count != _tranZero.Rows.Count)
                    {
                        throw new InvalidOperationException("fixed-step transients of one circuit landed on different time grids");
                    }
                }
            }

            var table = new ResultTable("tran", _tranZero.Columns);
            for (int r = 0; r < _tranZero.Rows.Count; r++)
            {
                double[] zero = _tranZero.Rows[r];
                var row = (double[])zero.Clone();
                for (int g = 0; g < groups; g++)
                {
                    double s = scales[g];
                    if (s != 0)
                    {
                        double[] unit = _tranUnit![g].Rows[r];
                        for (int c = 1; c < row.Length; c++)
                        {
                            row[c] += s * (unit[c] - zero[c]);
                        }
                    }
                }

                table.Rows.Add(row);
            }

            return table;
        }

        private double[] Basis()
        {
            if (_zero is not null)
            {
                return _zero;
            }

            var scales = new double[sources.Count];
            Scale(scales);
            session.OperatingPoint();
            _zero = session.Solution();
            _unit = new double[2 * groups][];
            for (int g = 0; g < 2 * groups; g++)
            {
                for (int k = 0; k < scales.Length; k++)
                {
                    scales[k] = k % groups == g % groups ? (g < groups ? 1 : -1) : 0;
                }

                Scale(scales);
                session.OperatingPoint();
                _unit[g] = session.Solution();
            }

            return _zero;
        }

        private static double[] Flatten(double[,] g)
        {
            var flat = new double[g.Length];
            int columns = g.GetLength(1);
            for (int i = 0; i < g.GetLength(0); i++)
            {
                for (int j = 0; j < columns; j++)
                {
                    flat[(i * columns) + j] = g[i, j];
                }
            }

            return flat;
        }

        private void Scale(double[] scales)
        {
            for (int k = 0; k < scales.Length; k++)
            {
                _sources[k].Scale = scales[k];
            }
        }
    }
}
