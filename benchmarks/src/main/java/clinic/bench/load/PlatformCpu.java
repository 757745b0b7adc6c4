package clinic.bench.load;

/**
 * The CPU the platform's JVM spent over one step, from the start of its load to the end of its drain window:
 * how many cores it kept busy on average, and the CPU time per accepted report. If the step's reports were not
 * all processed by the end of the window ({@code complete} false), the cost per report is a lower bound: the
 * rest of their work is still to come.
 */
record PlatformCpu(double cpuSeconds, double wallSeconds, int reports, boolean complete) {

    double coresUsed() {
        return wallSeconds > 0 ? cpuSeconds / wallSeconds : Double.NaN;
    }

    double msPerReport() {
        return reports > 0 ? cpuSeconds * 1000 / reports : Double.NaN;
    }
}
