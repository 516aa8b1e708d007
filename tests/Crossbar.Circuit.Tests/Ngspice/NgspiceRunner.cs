using System.Diagnostics;
using System.Text;
using Crossbar.Circuit.Netlists;

namespace Crossbar.Circuit.Tests.Ngspice;

/// <summary>What one ngspice batch run produced.</summary>
/// <param name="ExitCode">Process exit code.</param>
/// <param name="StandardOutput">Everything written to stdout.</param>
/// <param name="StandardError">Everything written to stderr.</param>
/// <param name="Plots">The plots of the raw file (empty when none was written).</param>
public sealed record NgspiceResult(int ExitCode, string StandardOutput, string StandardError, IReadOnlyList<RawPlot> Plots);

/// <summary>ngspice ran but failed: non-zero exit, an "Error" line, or no raw file.</summary>
public sealed class NgspiceException : Exception
{
    /// <summary>Creates the exception.</summary>
    public NgspiceException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public NgspiceException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public NgspiceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// Runs ngspice in batch mode on a deck (<c>ngspice -b -r out.raw deck.cir</c> with
/// <c>SPICE_ASCIIRAWFILE=1</c>) in a fresh temporary folder and parses the raw file.
/// </summary>
public sealed class NgspiceRunner
{
    /// <summary>
    /// The options added for reference operating points and DC sweeps: ngspice's Newton stops at
    /// reltol 1e-3, up to 1e-3 away from the solution on steep points (docs/design.md §7).
    /// </summary>
    public const string TightOptionsLine = ".options reltol=1e-9 vntol=1e-13 abstol=1e-16 itl1=500 itl2=500";

    private NgspiceRunner(string executablePath, TimeSpan timeout)
    {
        ExecutablePath = executablePath;
        Timeout = timeout;
    }

    /// <summary>Full path of the ngspice executable.</summary>
    public string ExecutablePath { get; }

    /// <summary>Wall-clock limit for one run.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>Finds ngspice on PATH; null when it is not there.</summary>
    /// <param name="timeout">Limit per run (default 60 s).</param>
    public static NgspiceRunner? TryCreate(TimeSpan? timeout = null)
    {
        string? path = FindOnPath();
        return path is null ? null : new NgspiceRunner(path, timeout ?? TimeSpan.FromSeconds(60));
    }

    /// <summary>The first <c>ngspice</c> (or <c>ngspice.exe</c>) found on PATH, or null.</summary>
    public static string? FindOnPath()
    {
        string? pathVariable = Environment.GetEnvironmentVariable("PATH");
        if (string.IsNullOrEmpty(pathVariable))
        {
            return null;
        }

        string[] names = OperatingSystem.IsWindows() ? ["ngspice.exe", "ngspice_con.exe"] : ["ngspice"];
        foreach (string directory in pathVariable.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (string name in names)
            {
                string candidate = Path.Combine(directory.Trim('"'), name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// A copy of the deck for the tight-tolerance OP/DC reference: <c>.tran</c> cards removed
    /// and <see cref="TightOptionsLine"/> inserted before <c>.end</c> (appended when there is
    /// no <c>.end</c>), so it overrides any earlier <c>.options</c>.
    /// </summary>
    public static string WithTightTolerances(string deckText)
    {
        string[] lines = deckText.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var output = new List<string>(lines.Length + 1);
        bool inTran = false;
        bool inserted = false;
        for (int i = 0; i < lines.Length; i++)
        {
            string trimmed = lines[i].TrimStart();
            if (i > 0 && IsCard(trimmed, ".tran"))
            {
                inTran = true;
                continue;
            }

            if (inTran && trimmed.StartsWith('+'))
            {
                continue;
            }

            inTran = false;
            if (i > 0 && !inserted && IsCard(trimmed, ".end"))
            {
                output.Add(TightOptionsLine);
                inserted = true;
            }

            output.Add(lines[i]);
        }

        if (!inserted)
        {
            output.Add(TightOptionsLine);
            output.Add(".end");
        }

        return string.Join('\n', output);
    }

    /// <summary>Copies the first part of every relative <c>.lib</c>/<c>.include</c> path of a deck from <paramref name="from"/> to <paramref name="to"/>.</summary>
    private static void CopyReferencedFiles(string deckText, string from, string to)
    {
        foreach (string card in Cards(deckText))
        {
            string[] words = card.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (words.Length < 2 || !(IsCard(card, ".lib") || IsCard(card, ".include") || IsCard(card, ".inc")))
            {
                continue;
            }

            string relative = words[1].Trim('"', '\'');
            if (Path.IsPathRooted(relative))
            {
                continue;
            }

            string first = relative.Split('/', '\\')[0];
            string source = Path.Combine(from, first);
            string target = Path.Combine(to, first);
            if (File.Exists(source) && !File.Exists(target))
            {
                File.Copy(source, target);
            }
            else if (Directory.Exists(source) && !Directory.Exists(target))
            {
                CopyFolder(source, target);
            }
        }
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (string file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (string folder in Directory.GetDirectories(from))
        {
            CopyFolder(folder, Path.Combine(to, Path.GetFileName(folder)));
        }
    }

    /// <summary>True when the deck has a <c>.op</c> or <c>.dc</c> card (first line is the title).</summary>
    public static bool HasOpOrDc(string deckText) => Cards(deckText).Any(c => IsCard(c, ".op") || IsCard(c, ".dc") || IsCard(c, ".ac"));

    /// <summary>True when the deck has a <c>.tran</c> card.</summary>
    public static bool HasTran(string deckText) => Cards(deckText).Any(c => IsCard(c, ".tran"));

    /// <summary>
    /// The reference plots for a deck file: OP and DC plots from a run with
    /// <see cref="TightOptionsLine"/>, transient plots from the deck as written; its <c>.control</c> blocks are first
    /// replaced by their analyses as dot-cards (<see cref="ControlBlock.ForBatchRun"/>), as CrossbarSim reads them.
    /// </summary>
    /// <param name="deckPath">The deck file.</param>
    /// <param name="companionFiles">Files copied next to the deck before each run (what it includes), or null.</param>
    public IReadOnlyList<RawPlot> RunReference(string deckPath, IReadOnlyList<string>? companionFiles = null)
    {
        string text = ControlBlock.ForBatchRun(File.ReadAllText(deckPath));
        string name = Path.GetFileName(deckPath);
        string? folder = Path.GetDirectoryName(Path.GetFullPath(deckPath));
        var plots = new List<RawPlot>();
        if (HasOpOrDc(text))
        {
            NgspiceResult tight = Run(WithTightTolerances(text), name, folder, companionFiles);
            plots.AddRange(tight.Plots.Where(p => p.Analysis is "op" or "dc" or "ac"));
        }

        if (HasTran(text))
        {
            NgspiceResult asWritten = Run(text, name, folder, companionFiles);
            plots.AddRange(asWritten.Plots.Where(p => p.Analysis == "tran"));
        }

        return plots;
    }

    /// <summary>
    /// Runs one deck in a new temporary folder and parses its raw file.
    /// </summary>
    /// <param name="deckText">Deck text (first line is the title).</param>
    /// <param name="deckName">File name the deck is written as; used in messages.</param>
    /// <param name="sourceFolder">Folder the deck came from: the files and folders its <c>.lib</c> and <c>.include</c>
    /// cards name by relative paths (the first part of each path, e.g. <c>lib/</c>) are copied beside the deck so that
    /// those paths resolve; or null.</param>
    /// <param name="companionFiles">Files copied into the run's folder first (libraries and includes the deck names), or null.</param>
    /// <param name="rawFile">Write and parse a raw file (<c>-r out.raw</c>); without one ngspice evaluates and prints the
    /// deck's <c>.measure</c> cards, which it skips when writing a raw file, and <see cref="NgspiceResult.Plots"/> is empty.</param>
    /// <exception cref="NgspiceException">Non-zero exit, an error line in the output, or no raw file.</exception>
    /// <exception cref="TimeoutException">The run took longer than <see cref="Timeout"/>.</exception>
    public NgspiceResult Run(string deckText, string deckName = "deck.cir", string? sourceFolder = null, IReadOnlyList<string>? companionFiles = null, bool rawFile = true)
    {
        DirectoryInfo work = Directory.CreateTempSubdirectory("crossbar-ngspice-");
        try
        {
            foreach (string companion in companionFiles ?? [])
            {
                File.Copy(companion, Path.Combine(work.FullName, Path.GetFileName(companion)), overwrite: true);
            }

            if (sourceFolder is not null)
            {
                CopyReferencedFiles(deckText, sourceFolder, work.FullName);
            }

            string deckFile = Path.Combine(work.FullName, Path.GetFileName(deckName));
            File.WriteAllText(deckFile, deckText.EndsWith('\n') ? deckText : deckText + "\n");
            string rawPath = Path.Combine(work.FullName, "out.raw");

            var start = new ProcessStartInfo(ExecutablePath)
            {
                WorkingDirectory = work.FullName,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
                CreateNoWindow = true,
            };
            start.ArgumentList.Add("-b");
            if (rawFile)
            {
                start.ArgumentList.Add("-r");
                start.ArgumentList.Add("out.raw");
            }

            start.ArgumentList.Add(Path.GetFileName(deckFile));
            start.Environment["SPICE_ASCIIRAWFILE"] = "1";
            // WHEN, RMS, INTEG and PARAM measures print with this many decimals (5 by default; the others always 6).
            start.Environment["NGSPICE_MEAS_PRECISION"] = "12";

            var stdout = new StringBuilder();
            var stderr = new StringBuilder();
            using var process = new Process { StartInfo = start };
            process.OutputDataReceived += (_, e) =>
            {
                if (e.Data is not null)
                {
                    lock (stdout)
                    {
                        stdout.AppendLine(e.Data);
                    }
                }
            };
            process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is not null)
                {
                    lock (stderr)
                    {
                        stderr.AppendLine(e.Data);
                    }
                }
            };

            process.Start();
            process.StandardInput.Close();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                throw new TimeoutException($"ngspice on {deckName} did not finish in {Timeout.TotalSeconds:0} s");
            }

            process.WaitForExit(); // flushes the asynchronous readers
            string output;
            string errors;
            lock (stdout)
            {
                output = stdout.ToString();
            }

            lock (stderr)
            {
                errors = stderr.ToString();
            }

            string? errorLine = FirstErrorLine(output) ?? FirstErrorLine(errors);
            if (process.ExitCode != 0 || errorLine is not null)
            {
                throw new NgspiceException(
                    $"ngspice failed on {deckName} (exit {process.ExitCode}): {errorLine ?? "no error line"}\n--- stderr ---\n{Tail(errors)}\n--- stdout ---\n{Tail(output)}");
            }

            if (!rawFile)
            {
                return new NgspiceResult(process.ExitCode, output, errors, []);
            }

            if (!File.Exists(rawPath))
            {
                throw new NgspiceException($"ngspice wrote no raw file for {deckName} (does it have an analysis card?)\n--- stdout ---\n{Tail(output)}");
            }

            IReadOnlyList<RawPlot> plots = RawFileReader.ReadFile(rawPath);
            return new NgspiceResult(process.ExitCode, output, errors, plots);
        }
        finally
        {
            try
            {
                work.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A leftover temporary folder is harmless.
            }
        }
    }

    private static IEnumerable<string> Cards(string deckText) =>
        deckText.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Skip(1).Select(l => l.Trim());

    private static bool IsCard(string trimmedLine, string card) =>
        trimmedLine.StartsWith(card, StringComparison.OrdinalIgnoreCase)
        && (trimmedLine.Length == card.Length || char.IsWhiteSpace(trimmedLine[card.Length]));

    private static string? FirstErrorLine(string text) =>
        text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("error", StringComparison.OrdinalIgnoreCase));

    private static string Tail(string text, int characters = 4000) =>
        text.Length <= characters ? text : "..." + text[^characters..];
}
