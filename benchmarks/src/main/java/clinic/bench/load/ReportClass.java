package clinic.bench.load;

/**
 * The four dispositions a generated report is built to get, with the share of the load each has (the issue's
 * mix: about 70% self-care, 20% urgent, 8% routine, 2% emergency, in fiftieths so a block of 50 is exact).
 */
enum ReportClass {
    SELF_CARE(35), URGENT_REVIEW(10), ROUTINE_REVIEW(4), EMERGENCY(1);

    /** Out of every {@link #BLOCK} reports. */
    final int perBlock;

    static final int BLOCK = 50;

    ReportClass(int perBlock) {
        this.perBlock = perBlock;
    }

    /** The red flags: what the end-to-end "urgent" figures are about (an urgent-review event, a clinician alert). */
    boolean urgent() {
        return this == URGENT_REVIEW || this == EMERGENCY;
    }
}
