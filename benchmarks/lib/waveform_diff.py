"""Largest difference between two waveforms.csv files of the same circuit, over each output's range.

Usage: waveform_diff.py reference.csv other.csv
Compares every v(...) column: the reference is interpolated linearly at the other file's times; prints
max |other - reference| / (max - min of the reference column) over all columns and times.
"""
import bisect
import csv
import sys


def load(path):
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    header = rows[0]
    return header, [[float(x) for x in row] for row in rows[1:]]


def main(reference_path, other_path):
    header, reference = load(reference_path)
    other_header, other = load(other_path)
    times = [row[0] for row in reference]
    worst = 0.0
    for j, name in enumerate(header):
        if not name.startswith("v(") or name not in other_header:
            continue
        k = other_header.index(name)
        values = [row[j] for row in reference]
        span = max(values) - min(values)
        if span <= 0:
            continue
        for row in other:
            t = row[0]
            i = min(max(bisect.bisect_left(times, t), 1), len(times) - 1)
            t0, t1 = times[i - 1], times[i]
            w = (t - t0) / (t1 - t0) if t1 > t0 else 0.0
            expected = values[i - 1] * (1 - w) + values[i] * w
            worst = max(worst, abs(row[k] - expected) / span)
    print(f"{worst:.3g}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
