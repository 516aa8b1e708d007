using Crossbar.Circuit.Engine;
using Crossbar.Circuit.Netlists;
using Crossbar.Devices.Noise;
using Crossbar.Devices.Rram;

namespace Crossbar.Circuit.Elements;

/// <summary>
/// A whole crossbar array as one element over struct-of-arrays data: wire segments, cells (1R,
/// 1T1R with level-1 access transistors, or 1T1R with a fixed on-resistance) and wire
/// capacitances, each family loaded in one tight loop with handles allocated once.
/// </summary>
/// <remarks>
/// The physics is that of the device models in Crossbar.Devices: sinh cells evaluate
/// <see cref="SinhRramModel"/>, access transistors <see cref="Devices.Transistors.Mosfet1Model"/> (through
/// <see cref="Level1Mosfet"/>, which adds limiting and the bulk junctions), and a linear cell with a fixed
/// on-resistance is the single conductance <see cref="CellModel.EffectiveConductance"/>.
/// Node layout and names follow <see cref="CrossbarArrayCard"/>, so the deck printed by
/// <see cref="CrossbarArrayWriter"/> is the same circuit. The access transistors' gate and bulk
/// sit at fixed voltages (word line and bulk rail): their columns fold into the right-hand side.
/// <para><b>Cell read noise</b> (<see cref="CrossbarArrayCard.CellNoise"/>, <see cref="CellReadNoise"/>): in transient
/// each cell's RRAM current I(v) gets the noise current i_n = I(v)·n_k(t) of its own realisation n_k, from the row-side
/// node to the column-side node (across the RRAM of a 1T1R cell; across the whole series cell of a linear
/// on-resistance cell, which is one conductance). It is stamped as the Newton companion of i_n, slope n_k·dI/dv in the
/// matrix and n_k·(I − v·dI/dv) in the right-hand side, so the noise current is exact at the solution rather than lagged
/// one iterate (for a linear cell the right-hand side part is 0: the conductance becomes G·(1 + n_k(t))). Zero at DC
/// and at t = 0, as TRNOISE. n_k is linear between samples every NT: the array adds breakpoints at k·NT and limits the
/// timestep to NT. The realisations keep their history for the run (8 bytes per sample and cell).</para>
/// </remarks>
public sealed class CrossbarArray : CircuitElement
{
    private readonly CrossbarArrayCard _card;
    private readonly Level1Mosfet? _transistor;

    // Wire segments (a, b, conductance) and their four handles each.
    private int[] _segA = [];
    private int[] _segB = [];
    private double[] _segG = [];
    private int[] _segH = [];

    // Cells: row-side node, column-side node, internal node (1T1R), conductance, handles.
    /// <summary>This array's own nodes (wire and cell nodes added as one block), [start, end); empty when added by name.</summary>
    private int _blockStart;
    private int _blockEnd;
    private int[] _cellRow = [];
    private int[] _cellColumn = [];
    private int[] _cellMid = [];
    private double[] _cellG = [];
    private int[] _cellH = [];
    private int[] _fetH = [];
    private readonly SinhRramModel? _sinh;
    private Level1State[] _fetState = [];

    /// <summary>Cells per parallel chunk of the transistor load, or 0 to load them on one thread (see <see cref="ParallelChunks"/>).</summary>
    private int _fetChunk;

    // Capacitances to ground.
    private int[] _capNode = [];
    private double[] _capValue = [];
    private int[] _capH = [];
    private int _capState;

    // Cell read noise: one realisation per cell, its value at _noiseTime, and the sample time NT.
    private readonly TransientNoiseSource[] _noise = [];
    private readonly double[] _noiseValue = [];
    private readonly double _noiseStep;
    private readonly bool _noiseSampled;
    private double _noiseTime = double.NaN;
    private int _noiseThreads = 1;

    /// <summary>Compiles an array card; <paramref name="transistorModel"/> is required for 1T1R cells.</summary>
    public CrossbarArray(CrossbarArrayCard card, MosfetParameters? transistorModel)
        : base(card.Name)
    {
        _card = card;
        if (card.CellKind == CrossbarCellKind.Transistor)
        {
            MosfetParameters p = transistorModel
                ?? throw new NetlistException(card.Location, $"array {card.Name}: 1T1R cells need an NMOS model (got none)");
            _transistor = new Level1Mosfet(p, card.TransistorWidth, card.TransistorLength);
        }
        else if (card.CellKind == CrossbarCellKind.OnResistance && !(card.OnResistance > 0 && double.IsFinite(card.OnResistance)))
        {
            throw new NetlistException(card.Location, $"array {card.Name}: on-resistance must be positive and finite, got {card.OnResistance}");
        }

        _sinh = card.SinhModel;
        if (card.HasCellNoise)
        {
            CellReadNoise noise = card.CellNoise!;
            try
            {
                _noise = noise.Realise(card.NoiseSeed, card.Rows * card.Columns);
            }
            catch (ArgumentException ex)
            {
                throw new NetlistException(card.Location, $"array {card.Name}: cell noise: {ex.Message}");
            }

            _noiseValue = new double[_noise.Length];
            _noiseStep = noise.SampleTime;
            _noiseSampled = noise.WhiteSigma > 0 || noise.FlickerAmplitude > 0;
        }
    }

    /// <summary>The relative noise process n_k(t) of cell k (row-major), or null when the array has no cell noise.</summary>
    /// <param name="cell">Row-major cell index i·N + j.</param>
    /// <returns>The realisation.</returns>
    public TransientNoiseSource? CellNoise(int cell) => _noise.Length == 0 ? null : _noise[cell];

    /// <summary>
    /// Gives the cells new conductances (S, row-major, as <see cref="CrossbarArrayCard.Conductances"/>) for the following
    /// solves: one read of the array with white read noise, say, on the circuit compiled once. The card keeps the
    /// conductances it was built with.
    /// </summary>
    /// <param name="conductances">One positive finite conductance per cell.</param>
    /// <exception cref="ArgumentException">Wrong count, or a conductance that is not positive and finite (the message names the cell).</exception>
    public void SetConductances(ReadOnlySpan<double> conductances)
    {
        if (conductances.Length != _cellG.Length)
        {
            throw new ArgumentException($"array {Name}: {conductances.Length} conductances for {_cellG.Length} cells", nameof(conductances));
        }

        CellModel? seriesCell = _card.CellKind == CrossbarCellKind.OnResistance ? CellModel.WithOnResistance(_card.ReadModel, _card.OnResistance) : null;
        for (int k = 0; k < conductances.Length; k++)
        {
            double g = conductances[k];
            if (!(g > 0) || !double.IsFinite(g))
            {
                throw new ArgumentException($"array {Name}: cell ({k / _card.Columns}, {k % _card.Columns}) has conductance {g}, expected a positive finite value", nameof(conductances));
            }

            _cellG[k] = _sinh is null ? seriesCell?.EffectiveConductance(g) ?? g : g;
        }
    }

    /// <summary>The card this element was compiled from.</summary>
    public CrossbarArrayCard Card => _card;

    /// <inheritdoc />
    public override bool IsNonlinear => _transistor is not null || _sinh is not null;

    /// <inheritdoc />
    /// <remarks>Two per wire segment and per cell, two more per cell for the access transistor (<see cref="Allocate"/>).</remarks>
    public override int OffDiagonalEntryEstimate => 2 * (_segA.Length + (_transistor is null ? 1 : 2) * _cellG.Length);

    /// <inheritdoc />
    public override bool IsTimeDependent => _capValue.Length > 0 || _noise.Length > 0;

    /// <inheritdoc />
    public override void Bind(UnknownMap unknowns)
    {
        CrossbarArrayCard a = _card;
        int m = a.Rows;
        int n = a.Columns;
        var segA = new List<int>();
        var segB = new List<int>();
        var segG = new List<double>();
        int[] rowTerminal = a.RowNodes.Select(unknowns.Node).ToArray();
        int[] columnTerminal = a.ColumnNodes.Select(unknowns.Node).ToArray();

        _cellRow = new int[m * n];
        _cellColumn = new int[m * n];
        _cellMid = new int[m * n];
        _cellG = new double[m * n];
        CellModel? seriesCell = a.CellKind == CrossbarCellKind.OnResistance ? CellModel.WithOnResistance(a.ReadModel, a.OnResistance) : null;

        // The internal nodes, cell by cell (row wire, column wire, cell node), as one block of unknowns named on demand.
        bool hasRow = a.RowWireResistance > 0, hasColumn = a.ColumnWireResistance > 0, hasMid = a.HasCellNode;
        int per = (hasRow ? 1 : 0) + (hasColumn ? 1 : 0) + (hasMid ? 1 : 0);
        int columnSlot = hasRow ? 1 : 0, midSlot = columnSlot + (hasColumn ? 1 : 0);
        string InternalName(int index)
        {
            int cell = index / per, slot = index % per, i = cell / n, j = cell % n;
            return hasRow && slot == 0 ? a.RowWireNode(i, j) : hasColumn && slot == columnSlot ? a.ColumnWireNode(i, j) : a.CellNode(i, j);
        }

        int? InternalIndex(string name)
        {
            if (a.ParseInternalNode(name) is not (int i, int j, char kind))
            {
                return null;
            }

            int cell = (i * n) + j;
            return kind switch
            {
                'r' when hasRow => cell * per,
                'c' when hasColumn => (cell * per) + columnSlot,
                'm' when hasMid => (cell * per) + midSlot,
                _ => null,
            };
        }

        int? first = per > 0 ? unknowns.AddNodes(m * n * per, InternalName, InternalIndex) : null;
        (_blockStart, _blockEnd) = first is int start ? (start, start + (m * n * per)) : (0, 0);
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                int k = (i * n) + j;
                if (first is int f)
                {
                    _cellRow[k] = hasRow ? f + (k * per) : rowTerminal[i];
                    _cellColumn[k] = hasColumn ? f + (k * per) + columnSlot : columnTerminal[j];
                    _cellMid[k] = hasMid ? f + (k * per) + midSlot : -1;
                }
                else
                {
                    _cellRow[k] = hasRow ? unknowns.Node(a.RowWireNode(i, j)) : rowTerminal[i];
                    _cellColumn[k] = hasColumn ? unknowns.Node(a.ColumnWireNode(i, j)) : columnTerminal[j];
                    _cellMid[k] = hasMid ? unknowns.Node(a.CellNode(i, j)) : -1;
                }

                double g = a.Conductances[k];
                if (_sinh is null)
                {
                    // Linear cells are one conductance; with a fixed on-resistance the series 1/(1/G + R_on).
                    _cellG[k] = seriesCell?.EffectiveConductance(g) ?? g;
                }
                else
                {
                    // Sinh cells keep their nominal G (the model's state); a fixed on-resistance is its own segment.
                    _cellG[k] = g;
                    if (seriesCell is not null)
                    {
                        AddSegment(_cellMid[k], _cellColumn[k], 1 / seriesCell.OnResistance());
                    }
                }
            }
        }

        if (a.RowWireResistance > 0)
        {
            double g = 1 / a.RowWireResistance;
            for (int i = 0; i < m; i++)
            {
                AddSegment(rowTerminal[i], _cellRow[(i * n) + a.RowEntryColumn], g);
                for (int j = 0; j + 1 < n; j++)
                {
                    AddSegment(_cellRow[(i * n) + j], _cellRow[(i * n) + j + 1], g);
                }
            }
        }

        if (a.ColumnWireResistance > 0)
        {
            double g = 1 / a.ColumnWireResistance;
            for (int j = 0; j < n; j++)
            {
                AddSegment(columnTerminal[j], _cellColumn[(a.ColumnEntryRow * n) + j], g);
                for (int i = 0; i + 1 < m; i++)
                {
                    AddSegment(_cellColumn[(i * n) + j], _cellColumn[((i + 1) * n) + j], g);
                }
            }
        }

        _segA = [.. segA];
        _segB = [.. segB];
        _segG = [.. segG];

        var capNode = new List<int>();
        var capValue = new List<double>();
        if (a.RowWireCapacitance > 0)
        {
            for (int i = 0; i < m; i++)
            {
                if (a.RowWireResistance > 0)
                {
                    for (int j = 0; j < n; j++)
                    {
                        capNode.Add(_cellRow[(i * n) + j]);
                        capValue.Add(a.RowWireCapacitance);
                    }
                }
                else
                {
                    capNode.Add(rowTerminal[i]);
                    capValue.Add(a.RowWireCapacitance * n);
                }
            }
        }

        if (a.ColumnWireCapacitance > 0)
        {
            for (int j = 0; j < n; j++)
            {
                if (a.ColumnWireResistance > 0)
                {
                    for (int i = 0; i < m; i++)
                    {
                        capNode.Add(_cellColumn[(i * n) + j]);
                        capValue.Add(a.ColumnWireCapacitance);
                    }
                }
                else
                {
                    capNode.Add(columnTerminal[j]);
                    capValue.Add(a.ColumnWireCapacitance * m);
                }
            }
        }

        _capNode = [.. capNode];
        _capValue = [.. capValue];

        void AddSegment(int x, int y, double g)
        {
            segA.Add(x);
            segB.Add(y);
            segG.Add(g);
        }
    }

    /// <inheritdoc />
    public override void Allocate(AllocationContext context)
    {
        Slots(context, _segA);
        Slots(context, _segB);
        Slots(context, _cellRow);
        Slots(context, _cellColumn);
        Slots(context, _capNode);
        _segH = new int[4 * _segA.Length];
        for (int s = 0; s < _segA.Length; s++)
        {
            Quad(context, _segH, s, _segA[s], _segB[s]);
        }

        int cells = _cellG.Length;
        _cellH = new int[4 * cells];
        if (_transistor is null && !_card.HasCellNode)
        {
            for (int k = 0; k < cells; k++)
            {
                Quad(context, _cellH, k, _cellRow[k], _cellColumn[k]);
            }
        }
        else if (_transistor is null)
        {
            Slots(context, _cellMid);
            for (int k = 0; k < cells; k++)
            {
                Quad(context, _cellH, k, _cellRow[k], _cellMid[k]);
            }
        }
        else
        {
            Slots(context, _cellMid);
            _fetH = new int[4 * cells];
            _fetState = new Level1State[cells];
            for (int k = 0; k < cells; k++)
            {
                Quad(context, _cellH, k, _cellRow[k], _cellMid[k]);
                Quad(context, _fetH, k, _cellMid[k], _cellColumn[k]);
                _fetState[k] = OnState();
            }

            _fetChunk = ParallelChunks(cells, _cellMid, _cellColumn);
        }

        _noiseThreads = _noise.Length >= ParallelMinimumCells ? Environment.ProcessorCount : 1;

        _capH = new int[_capNode.Length];
        for (int c = 0; c < _capNode.Length; c++)
        {
            _capH[c] = context.Entry(_capNode[c], _capNode[c]);
        }

        _capState = context.AllocateStates(2 * _capNode.Length);
    }

    /// <inheritdoc />
    public override void Load(LoadContext context)
    {
        double[] m = context.Matrix;
        LoadConductances(m, _segH, _segG);
        bool noisy = UpdateNoise(context);
        if (_sinh is not null)
        {
            LoadSinhCells(context, _sinh, noisy);
        }
        else
        {
            LoadConductances(m, _cellH, _cellG);
            if (noisy)
            {
                LoadLinearCellNoise(m);
            }
        }

        if (_transistor is not null)
        {
            LoadTransistors(context);
        }

        if (_capNode.Length > 0)
        {
            LoadCapacitances(context);
        }
    }

    /// <summary>Stamps a family of two-terminal conductances (four handles each) into a real or complex matrix.</summary>
    private static void LoadConductances<T>(T[] m, int[] handles, double[] conductances)
        where T : System.Numerics.INumberBase<T>
    {
        for (int k = 0; k < conductances.Length; k++)
        {
            int h = 4 * k;
            Stamp.Admittance(m, handles[h], handles[h + 1], handles[h + 2], handles[h + 3], T.CreateTruncating(conductances[k]));
        }
    }

    /// <summary>
    /// Sinh cells: current I(v) and slope g = dI/dv of <see cref="SinhRramModel"/> at the iterate (the model continues
    /// linearly beyond |v/V0| = 40, so a wild early iterate cannot overflow); Newton companion current I − g·v.
    /// </summary>
    private void LoadSinhCells(LoadContext context, SinhRramModel model, bool noisy)
    {
        double[] x = context.Solution;
        double[] m = context.Matrix;
        double[] rhs = context.Rhs;
        int[] b = _card.HasCellNode ? _cellMid : _cellColumn;
        for (int k = 0; k < _cellG.Length; k++)
        {
            int a = _cellRow[k];
            double v = x[a] - x[b[k]];
            double factor = noisy ? 1 + _noiseValue[k] : 1;
            double current = factor * model.Current(v, _cellG[k]);
            double g = factor * model.Conductance(v, _cellG[k]);
            double ieq = current - (g * v);
            int h = 4 * k;
            m[_cellH[h]] += g;
            m[_cellH[h + 1]] -= g;
            m[_cellH[h + 2]] -= g;
            m[_cellH[h + 3]] += g;
            rhs[a] -= ieq;
            rhs[b[k]] += ieq;
        }
    }

    /// <summary>
    /// Refreshes n_k at the context's time when the array has cell noise and the analysis is a transient past t = 0.
    /// </summary>
    /// <returns>True when the noise is to be stamped.</returns>
    private bool UpdateNoise(LoadContext context)
    {
        if (_noise.Length == 0 || context.Mode != AnalysisMode.Transient || !(context.Time > 0))
        {
            return false;
        }

        double t = context.Time;
        if (t != _noiseTime)
        {
            // Each cell's source draws from its own generators, so cells can be advanced on several threads.
            int cells = _noise.Length;
            int threads = _noiseThreads;
            int chunk = (cells + threads - 1) / threads;
            Parallel.For(0, threads, c =>
            {
                for (int k = c * chunk; k < Math.Min(cells, (c + 1) * chunk); k++)
                {
                    _noiseValue[k] = _noise[k].Value(t);
                }
            });

            _noiseTime = t;
        }

        return true;
    }

    /// <summary>Linear cells: i_n = n_k·G_k·v, the conductance n_k·G_k on the cell's four handles.</summary>
    private void LoadLinearCellNoise(double[] m)
    {
        for (int k = 0; k < _cellG.Length; k++)
        {
            double g = _noiseValue[k] * _cellG[k];
            int h = 4 * k;
            m[_cellH[h]] += g;
            m[_cellH[h + 1]] -= g;
            m[_cellH[h + 2]] -= g;
            m[_cellH[h + 3]] += g;
        }
    }

    [ThreadStatic]
    private static int t_parallelMinimumCells;

    /// <summary>
    /// Fewest cells for which the transistor load and the noise update run on several threads (16 384: below that the
    /// threads' start-up costs more than they save); set lower on a test's thread to check threads change nothing.
    /// </summary>
    internal static int ParallelMinimumCells
    {
        get => t_parallelMinimumCells > 0 ? t_parallelMinimumCells : 16_384;
        set => t_parallelMinimumCells = value;
    }

    /// <summary>
    /// Cells per chunk when the transistor load may run on several threads: only when every cell's drain (internal) and
    /// source (column wire) node is its own, so no two cells add to the same matrix entry or right-hand-side row (wires
    /// with resistance), and the array has at least <see cref="ParallelMinimumCells"/>; 0 otherwise.
    /// </summary>
    private static int ParallelChunks(int cells, int[] drains, int[] sources)
    {
        int threads = Environment.ProcessorCount;
        if (cells < ParallelMinimumCells || threads < 2)
        {
            return 0;
        }

        var seen = new HashSet<int>(2 * cells);
        for (int k = 0; k < cells; k++)
        {
            if (!seen.Add(drains[k]) || !seen.Add(sources[k]))
            {
                return 0;
            }
        }

        return (cells + threads - 1) / threads;
    }

    private void LoadTransistors(LoadContext context)
    {
        int cells = _fetState.Length;
        bool limited;
        if (_fetChunk > 0)
        {
            int chunks = (cells + _fetChunk - 1) / _fetChunk;
            var flags = new bool[chunks];
            Parallel.For(0, chunks, c => flags[c] = LoadTransistors(context, c * _fetChunk, Math.Min(cells, (c + 1) * _fetChunk)));
            limited = flags.Contains(true);
        }
        else
        {
            limited = LoadTransistors(context, 0, cells);
        }

        if (limited)
        {
            context.Limited = true;
        }
    }

    /// <summary>Loads the access transistors of cells [from, to); true when any was limited.</summary>
    private bool LoadTransistors(LoadContext context, int from, int to)
    {
        Level1Mosfet fet = _transistor!;
        double[] x = context.Solution;
        double[] m = context.Matrix;
        double[] rhs = context.Rhs;
        double vg = _card.GateVoltage;
        double vb = _card.BulkVoltage;
        double gmin = context.Options.Gmin;
        bool initialize = context.InitializeJunctions;
        bool limited = initialize;
        for (int k = from; k < to; k++)
        {
            int d = _cellMid[k];
            int s = _cellColumn[k];
            if (initialize)
            {
                _fetState[k] = OnState();
            }

            // Access transistors are switches with a fixed gate: start them from the actual node
            // voltages (on) rather than SPICE's vgs = VTO guess, which leaves the array singular.
            fet.Evaluate(x[d], vg, x[s], vb, ref _fetState[k], false, false, gmin, ref limited, out Level1Stamp st);
            int h = 4 * k;
            m[_fetH[h]] += st.Dd;
            m[_fetH[h + 1]] += st.Ds;
            m[_fetH[h + 2]] += st.Sd;
            m[_fetH[h + 3]] += st.Ss;
            rhs[d] += st.RhsD - (st.Dg * vg) - (st.Db * vb);
            rhs[s] += st.RhsS - (st.Sg * vg) - (st.Sb * vb);
        }

        return limited;
    }

    private void LoadCapacitances(LoadContext context)
    {
        double[] x = context.Solution;
        Integrator integrator = context.Integrator;
        double[] state = integrator.State0;
        for (int c = 0; c < _capNode.Length; c++)
        {
            state[_capState + (2 * c)] = _capValue[c] * x[_capNode[c]];
        }

        if (context.Mode != AnalysisMode.Transient)
        {
            return;
        }

        double[] m = context.Matrix;
        double a0 = integrator.Coefficient0;
        for (int c = 0; c < _capNode.Length; c++)
        {
            double ceq = integrator.Integrate(_capState + (2 * c));
            m[_capH[c]] += a0 * _capValue[c];
            context.Rhs[_capNode[c]] -= ceq;
        }
    }

    /// <inheritdoc />
    public override void LoadAc(AcLoadContext context)
    {
        var m = context.Matrix;
        LoadConductances(m, _segH, _segG);
        if (_sinh is not null)
        {
            double[] x = context.OperatingPoint;
            int[] b = _card.HasCellNode ? _cellMid : _cellColumn;
            var g = new double[_cellG.Length];
            for (int k = 0; k < g.Length; k++)
            {
                g[k] = _sinh.Conductance(x[_cellRow[k]] - x[b[k]], _cellG[k]);
            }

            LoadConductances(m, _cellH, g);
        }
        else
        {
            LoadConductances(m, _cellH, _cellG);
        }
        if (_transistor is not null)
        {
            double[] x = context.OperatingPoint;
            for (int k = 0; k < _fetState.Length; k++)
            {
                Level1State state = _fetState[k];
                bool limited = false;
                _transistor.Evaluate(x[_cellMid[k]], _card.GateVoltage, x[_cellColumn[k]], _card.BulkVoltage, ref state, false, false, 1e-12, ref limited, out Level1Stamp st);
                int h = 4 * k;
                m[_fetH[h]] += st.Dd;
                m[_fetH[h + 1]] += st.Ds;
                m[_fetH[h + 2]] += st.Sd;
                m[_fetH[h + 3]] += st.Ss;
            }
        }

        for (int c = 0; c < _capNode.Length; c++)
        {
            m[_capH[c]] += new System.Numerics.Complex(0, context.Omega * _capValue[c]);
        }
    }


    /// <inheritdoc />
    public override double TruncationTimestep(Integrator integrator)
    {
        // The noise is piecewise linear between samples NT apart: no step beyond NT (telegraph noise alone is then
        // resolved to NT as well).
        double dt = _noise.Length > 0 ? _noiseStep : double.PositiveInfinity;
        for (int c = 0; c < _capNode.Length; c++)
        {
            dt = Math.Min(dt, integrator.TruncationTimestep(_capState + (2 * c)));
        }

        return dt;
    }

    /// <inheritdoc />
    /// <remarks>With white or 1/f cell noise: the sample times k·NT in (from, to], where n(t) has its corners.</remarks>
    public override void AddBreakpoints(double from, double to, double printStep, SortedSet<double> breakpoints)
    {
        if (!_noiseSampled)
        {
            return;
        }

        double nt = _noiseStep;
        for (long k = Math.Max(1, (long)Math.Floor(from / nt)); k * nt <= to; k++)
        {
            double t = k * nt;
            if (t > from)
            {
                breakpoints.Add(t);
            }
        }
    }

    /// <inheritdoc />
    public override void DescribeTopology(TopologyBuilder topology)
    {
        for (int s = 0; s < _segA.Length; s++)
        {
            topology.DcPath(_segA[s], _segB[s]);
        }

        for (int k = 0; k < _cellG.Length; k++)
        {
            if (!_card.HasCellNode)
            {
                topology.DcPath(_cellRow[k], _cellColumn[k]);
            }
            else
            {
                topology.DcPath(_cellRow[k], _cellMid[k]);
                topology.DcPath(_cellMid[k], _cellColumn[k]);
            }
        }
    }

    private Level1State OnState()
    {
        int type = _transistor!.Parameters.Polarity;
        return new Level1State
        {
            Vgs = type * _card.GateVoltage,
            Vds = 0,
            Vbs = type * _card.BulkVoltage,
            Vbd = type * _card.BulkVoltage,
            Von = type * _transistor.Parameters.Channel.ThresholdVoltage,
        };
    }

    private static void Slots(AllocationContext context, int[] nodes)
    {
        for (int i = 0; i < nodes.Length; i++)
        {
            nodes[i] = context.Slot(nodes[i]);
        }
    }

    private void Quad(AllocationContext context, int[] handles, int k, int a, int b)
    {
        int h = 4 * k;
        handles[h] = context.Entry(a, a);
        handles[h + 3] = context.Entry(b, b);

        // A pair with one of this array's own nodes is asked for by nobody else and by this array once (each segment,
        // cell and transistor joins a different pair), so it needs no lookup.
        bool own = (a >= _blockStart && a < _blockEnd) || (b >= _blockStart && b < _blockEnd);
        handles[h + 1] = own ? context.UniqueEntry(a, b) : context.Entry(a, b);
        handles[h + 2] = own ? context.UniqueEntry(b, a) : context.Entry(b, a);
    }
}
