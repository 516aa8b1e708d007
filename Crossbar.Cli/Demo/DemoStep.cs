namespace Crossbar.Cli.Demo;

/// <summary>One step of the demo: a crossbar command line run in-process into its own subfolder.</summary>
/// <param name="Folder">Subfolder of the demo folder that receives the step's files (and the name of its log).</param>
/// <param name="Title">What the step shows, for the progress lines.</param>
/// <param name="Arguments">The command line without <c>--out</c>.</param>
public sealed record DemoStep(string Folder, string Title, IReadOnlyList<string> Arguments)
{
    /// <summary>
    /// The paper's headline, on built-in defaults (the hardware options' defaults are the paper's chip: 3-bit 1T1R cells,
    /// 1.73 Ω wires, single-pole op-amps with 16 MHz GBWP, 2% programming error).
    /// </summary>
    /// <param name="quick">Fewer MIMO frames and sweep seeds.</param>
    /// <param name="seed">Seed of every step.</param>
    public static IReadOnlyList<DemoStep> Headline(bool quick, int seed)
    {
        string s = seed.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return
        [
            new("hpinv", "16×16 HP-INV through BlockAMC on 8×8 arrays, every MVM and INV a simulated circuit (op fidelity)",
                ["hpinv", "--size", "16", "--array-size", "8", "--fidelity", "op", "--seed", s]),
            new("lpinv-tran", "one 8×8 LP-INV transient: settling time against the loop time constant τ",
                ["inv", "--size", "8", "--analysis", "tran", "--seed", s]),
            new("mimo", "massive MIMO 128×8, 256-QAM zero-forcing: BER of HP-INV (3 iterations) vs FP32 and FP64",
                ["mimo", "--rx", "128", "--tx", "8", "--qam", "256", "--snr", "10:5:30", "--iterations", "3", "--frames", quick ? "150" : "1000", "--seed", s]),
            new("sweep", "precision × noise: single-shot INV error over cell bits × programming error, several seeds",
                ["sweep", "inv", "--bits", "2,3,4", "--prog-sigma", "0,0.02,0.05", "--seeds", quick ? "2" : "5", "--seed", s, "--plots"]),
            new("repeatability", "repeatability: HP-INV 16×16 final error over seeds of programming and read noise",
                ["sweep", "hpinv", "--size", "16", "--read-noise", "0,0.01", "--seeds", quick ? "4" : "10", "--seed", s]),
            new("cost", "the 1000× question: time and energy per solve to 2^-24, analogue vs CPU vs a GPU roofline",
                ["cost", "--size", "16,64,128,256,1024", "--seed", s]),
        ];
    }
}
