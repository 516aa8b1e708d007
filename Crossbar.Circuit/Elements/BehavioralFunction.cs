using Crossbar.Circuit.Netlists;

namespace Crossbar.Circuit.Elements;

/// <summary>What a behavioural expression reads: a node voltage or a branch current.</summary>
/// <param name="IsCurrent">True for <c>i(source)</c>, false for a node voltage.</param>
/// <param name="Name">Node name (lower case) or source name.</param>
public readonly record struct BehavioralVariable(bool IsCurrent, string Name);

/// <summary>
/// A behavioural expression compiled once into postfix code that computes its value and its exact
/// partial derivatives with respect to every unknown it reads (forward-mode dual numbers), with no
/// allocation per evaluation. Parameters and constants are folded at compile time.
/// </summary>
/// <remarks>
/// Each stack entry carries a value a and a gradient ∇a over the K variables; the rules are the
/// chain rule: ∇(a+b) = ∇a + ∇b, ∇(ab) = b∇a + a∇b, ∇(a/b) = ∇a/b − a∇b/b², ∇f(a) = f'(a)∇a,
/// ∇|a|^b = b|a|^(b−1)·sgn(a)∇a + |a|^b·ln|a|·∇b. Piecewise functions (abs, u, uramp, min, max,
/// limit, <c>?:</c>) use the derivative of the branch taken; comparisons, <c>&amp;&amp; || !</c> and
/// the step-like functions have gradient 0. Division divides by b ± 1e−32 as ngspice does
/// (<see cref="ExpressionFunctions.GuardedDenominator"/>), so 1/v(a) stays finite at v(a) = 0.
/// Function semantics are those of <see cref="ExpressionFunctions"/>.
/// </remarks>
public sealed class BehavioralFunction
{
    private readonly Instruction[] _code;
    private readonly double[] _values;
    private readonly double[] _gradients;
    private readonly int _k;

    private BehavioralFunction(Instruction[] code, List<BehavioralVariable> variables, bool usesTime, int depth)
    {
        _code = code;
        Variables = variables;
        UsesTime = usesTime;
        _k = variables.Count;
        _values = new double[depth];
        _gradients = new double[depth * Math.Max(_k, 1)];
    }

    private enum Op
    {
        Constant,
        Variable,
        Time,
        Negate,
        Add,
        Subtract,
        Multiply,
        Divide,
        Power,
        Pwr,
        Min,
        Max,
        Function,
        Not,
        Compare,
        And,
        Or,
        Select,
        Limit,
    }

    /// <summary>The node voltages and branch currents read, in gradient order.</summary>
    public IReadOnlyList<BehavioralVariable> Variables { get; }

    /// <summary>
    /// True when the last <see cref="Evaluate"/> met a pole: a division by a denominator within
    /// <see cref="PoleThreshold"/> of 0 (the value is ngspice's guarded quotient) or a function whose
    /// value or slope is infinite there (ln(0) becomes −<see cref="PoleValue"/>, the slope of sqrt at 0
    /// becomes 0). The gradient through it is 0, so the caller should not take the iterate as
    /// converged (it is limited, as a junction voltage is); the next iterate moves off the pole.
    /// </summary>
    public bool HitPole { get; private set; }

    /// <summary>|denominator| at or below which a division is taken as at its pole (V, A or their combinations).</summary>
    public const double PoleThreshold = 1e-20;

    /// <summary>The magnitude an infinite function value (ln(0)) is replaced by: 1/<see cref="ExpressionFunctions.DivisionGuard"/>, ngspice's 1/0.</summary>
    public const double PoleValue = 1 / ExpressionFunctions.DivisionGuard;

    /// <summary>True when the expression reads <c>time</c>.</summary>
    public bool UsesTime { get; }

    /// <summary>Compiles a tree.</summary>
    /// <param name="tree">The parsed expression.</param>
    /// <param name="parameters">Resolves <c>.param</c> names (null when unknown).</param>
    /// <returns>The compiled function.</returns>
    /// <exception cref="ArgumentException">An unknown name.</exception>
    public static BehavioralFunction Compile(BehavioralNode tree, Func<string, double?> parameters)
    {
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(parameters);
        var compiler = new Compiler(parameters);
        compiler.Emit(tree);
        return new BehavioralFunction([.. compiler.Code], compiler.Variables, compiler.UsesTime, Math.Max(compiler.MaxDepth, 1));
    }

    /// <summary>Value and gradient at the given variable values.</summary>
    /// <param name="variables">Values of <see cref="Variables"/>, in order.</param>
    /// <param name="time">Simulation time in s.</param>
    /// <param name="gradient">Receives ∂f/∂variable (length ≥ K).</param>
    /// <returns>f.</returns>
    public double Evaluate(ReadOnlySpan<double> variables, double time, Span<double> gradient)
    {
        int k = _k;
        double[] v = _values;
        double[] g = _gradients;
        int top = -1;
        bool pole = false;
        foreach (Instruction ins in _code)
        {
            switch (ins.Op)
            {
                case Op.Constant:
                case Op.Time:
                    top++;
                    v[top] = ins.Op == Op.Time ? time : ins.Value;
                    Array.Clear(g, top * k, k);
                    break;
                case Op.Variable:
                    top++;
                    v[top] = variables[ins.Index];
                    Array.Clear(g, top * k, k);
                    g[(top * k) + ins.Index] = 1;
                    break;
                case Op.Negate:
                    v[top] = -v[top];
                    Scale(g, top * k, k, -1);
                    break;
                case Op.Function:
                {
                    (double f, double d) = ExpressionFunctions.Apply((ExpressionFunction)ins.Index, v[top]);
                    if (double.IsInfinity(f) || double.IsInfinity(d))
                    {
                        // At the edge of the domain (ln(0), the slope of sqrt at 0): a large finite value, no slope.
                        f = double.IsInfinity(f) ? Math.CopySign(PoleValue, f) : f;
                        d = 0;
                        pole = true;
                    }

                    v[top] = f;
                    Scale(g, top * k, k, d);
                    break;
                }

                case Op.Not:
                    v[top] = v[top] == 0 ? 1 : 0;
                    Array.Clear(g, top * k, k);
                    break;
                case Op.Select:
                case Op.Limit:
                    Ternary(ins.Op, v, g, top - 2, k);
                    top -= 2;
                    break;
                case Op.Compare:
                    v[top - 1] = ExpressionEvaluator.Compare(Comparisons[ins.Index], v[top - 1], v[top]) ? 1 : 0;
                    Array.Clear(g, (top - 1) * k, k);
                    top--;
                    break;
                default:
                    Binary(ins.Op, v, g, top - 1, k, ref pole);
                    top--;
                    break;
            }
        }

        g.AsSpan(0, k).CopyTo(gradient);
        HitPole = pole;
        return v[0];
    }

    private static void Binary(Op op, double[] v, double[] g, int at, int k, ref bool pole)
    {
        double a = v[at];
        double b = v[at + 1];
        int ga = at * k;
        int gb = ga + k;
        double value;
        double da;
        double db;
        switch (op)
        {
            case Op.Add:
                (value, da, db) = (a + b, 1, 1);
                break;
            case Op.Subtract:
                (value, da, db) = (a - b, 1, -1);
                break;
            case Op.Multiply:
                (value, da, db) = (a * b, b, a);
                break;
            case Op.Divide:
            {
                double d = ExpressionFunctions.GuardedDenominator(b);
                if (Math.Abs(b) <= PoleThreshold)
                {
                    // At a pole: ngspice's finite value, no gradient (it would be ~1e64 and wreck the pivots).
                    (value, da, db) = (a / d, 0, 0);
                    pole = true;
                }
                else
                {
                    (value, da, db) = (a / d, 1 / d, -a / (d * d));
                }

                break;
            }

            case Op.Power:
            case Op.Pwr:
                (value, da, db) = ExpressionFunctions.Power(op == Op.Pwr, a, b);
                break;
            case Op.And:
                (value, da, db) = (a != 0 && b != 0 ? 1 : 0, 0, 0);
                break;
            case Op.Or:
                (value, da, db) = (a != 0 || b != 0 ? 1 : 0, 0, 0);
                break;

            case Op.Min:
                (value, da, db) = a <= b ? (a, 1.0, 0.0) : (b, 0.0, 1.0);
                break;
            default:
                (value, da, db) = a >= b ? (a, 1.0, 0.0) : (b, 0.0, 1.0);
                break;
        }

        v[at] = value;
        for (int j = 0; j < k; j++)
        {
            g[ga + j] = (da * g[ga + j]) + (db * g[gb + j]);
        }
    }

    /// <summary>Three operands at <paramref name="at"/>: the value (and gradient) of the one chosen.</summary>
    private static void Ternary(Op op, double[] v, double[] g, int at, int k)
    {
        int chosen;
        if (op == Op.Select)
        {
            chosen = v[at] != 0 ? at + 1 : at + 2;
        }
        else
        {
            int raised = v[at] >= v[at + 1] ? at : at + 1;
            chosen = v[raised] <= v[at + 2] ? raised : at + 2;
        }

        if (chosen != at)
        {
            v[at] = v[chosen];
            Array.Copy(g, chosen * k, g, at * k, k);
        }
    }

    private static void Scale(double[] g, int start, int k, double factor)
    {
        for (int j = start; j < start + k; j++)
        {
            g[j] *= factor;
        }
    }

    private static readonly string[] Comparisons = ["<", "<=", ">", ">=", "==", "!="];

    private readonly record struct Instruction(Op Op, double Value, int Index);

    private sealed class Compiler(Func<string, double?> parameters)
    {
        private int _depth;

        public List<Instruction> Code { get; } = [];

        public List<BehavioralVariable> Variables { get; } = [];

        public bool UsesTime { get; private set; }

        public int MaxDepth { get; private set; }

        public void Emit(BehavioralNode node)
        {
            switch (node)
            {
                case BehavioralNumber n:
                    Push(new Instruction(Op.Constant, n.Value, 0));
                    break;
                case BehavioralName n:
                    EmitName(n.Name);
                    break;
                case BehavioralVoltage v:
                    EmitNode(v.Node);
                    if (v.Reference is { } reference && reference != "0")
                    {
                        EmitNode(reference);
                        Pop(Op.Subtract);
                    }

                    break;
                case BehavioralCurrent c:
                    Push(new Instruction(Op.Variable, 0, IndexOf(new BehavioralVariable(true, c.Source))));
                    break;
                case BehavioralNegate u:
                    Emit(u.Operand);
                    Code.Add(new Instruction(Op.Negate, 0, 0));
                    break;
                case BehavioralBinary b:
                    Emit(b.Left);
                    Emit(b.Right);
                    Pop(b.Operator switch
                    {
                        '+' => Op.Add,
                        '-' => Op.Subtract,
                        '*' => Op.Multiply,
                        '/' => Op.Divide,
                        _ => Op.Power,
                    });
                    break;
                case BehavioralNot u:
                    Emit(u.Operand);
                    Code.Add(new Instruction(Op.Not, 0, 0));
                    break;
                case BehavioralComparison c:
                    Emit(c.Left);
                    Emit(c.Right);
                    Code.Add(new Instruction(Op.Compare, 0, Array.IndexOf(Comparisons, c.Operator)));
                    _depth--;
                    break;
                case BehavioralLogical l:
                    Emit(l.Left);
                    Emit(l.Right);
                    Pop(l.Operator == '&' ? Op.And : Op.Or);
                    break;
                case BehavioralConditional c:
                    Emit(c.Condition);
                    Emit(c.WhenTrue);
                    Emit(c.WhenFalse);
                    Pop(Op.Select);
                    _depth--;
                    break;
                case BehavioralCall f:
                    EmitCall(f);
                    break;
                default:
                    throw new ArgumentException($"unknown expression node {node.GetType().Name}", nameof(node));
            }
        }

        private void EmitCall(BehavioralCall f)
        {
            if (!ExpressionFunctions.TryFind(f.Function, out ExpressionFunction function, out _, out _))
            {
                throw new ArgumentException($"unknown function '{f.Function}'", nameof(f));
            }

            Emit(f.Arguments[0]);
            for (int k = 1; k < f.Arguments.Count; k++)
            {
                Emit(f.Arguments[k]);
                if (function is ExpressionFunction.Min or ExpressionFunction.Max or ExpressionFunction.Pow or ExpressionFunction.Pwr)
                {
                    Pop(function switch
                    {
                        ExpressionFunction.Min => Op.Min,
                        ExpressionFunction.Max => Op.Max,
                        ExpressionFunction.Pow => Op.Power,
                        _ => Op.Pwr,
                    });
                }
            }

            if (function == ExpressionFunction.Limit)
            {
                Pop(Op.Limit);
                _depth--;
            }
            else if (f.Arguments.Count == 1)
            {
                Code.Add(new Instruction(Op.Function, 0, (int)function));
            }
        }

        private void EmitName(string name)
        {
            if (name.Equals("time", StringComparison.OrdinalIgnoreCase))
            {
                UsesTime = true;
                Push(new Instruction(Op.Time, 0, 0));
                return;
            }

            double value = parameters(name)
                ?? (name.Equals("pi", StringComparison.OrdinalIgnoreCase) ? Math.PI
                : throw new ArgumentException(ExpressionErrors.UnknownName(name, name, circuit: true)));
            Push(new Instruction(Op.Constant, value, 0));
        }

        private void EmitNode(string node)
        {
            if (node == "0")
            {
                Push(new Instruction(Op.Constant, 0, 0));
            }
            else
            {
                Push(new Instruction(Op.Variable, 0, IndexOf(new BehavioralVariable(false, node))));
            }
        }

        private int IndexOf(BehavioralVariable variable)
        {
            int index = Variables.IndexOf(variable);
            if (index < 0)
            {
                index = Variables.Count;
                Variables.Add(variable);
            }

            return index;
        }

        private void Push(Instruction instruction)
        {
            Code.Add(instruction);
            MaxDepth = Math.Max(MaxDepth, ++_depth);
        }

        private void Pop(Op op)
        {
            Code.Add(new Instruction(op, 0, 0));
            _depth--;
        }
    }
}
