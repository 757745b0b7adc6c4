package clinic.notification.pages;

import clinic.events.review.ReviewedCondition;
import clinic.events.triage.Disposition;
import clinic.notification.reviews.ReviewView;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * How the rules agree with the clinicians who reviewed their decisions, per ruleset version: a table of the rules'
 * disposition against the clinician's, the share of reviews where the disposition and where the top condition
 * agreed, and every case the clinician judged more urgent than the rules (under-triage caught in review).
 */
public record Agreement(String rulesetId, String rulesetVersion, int reviews, List<Row> table, int dispositionsAgreed,
                        int conditionsCompared, int conditionsAgreed, List<UnderTriage> underTriaged) {

    /** The clinicians' dispositions in the table's column order, most urgent first. */
    public static final List<String> COLUMNS = Arrays.stream(Disposition.values()).map(Labels::of).toList();

    /** One rules' disposition: how many of its reviews the clinicians judged each way. */
    public record Row(String rulesDisposition, List<Integer> byClinician, int total) {
    }

    /** A case the clinician judged more urgent than the rules. */
    public record UnderTriage(UUID reportId, String rulesDisposition, String clinicianDisposition, String closedBy,
                              Instant closedAt) {
    }

    /** The figures of each ruleset version, in the order the reviews come (by ruleset id and version). */
    static List<Agreement> of(List<ReviewView> closed) {
        Map<String, List<ReviewView>> byVersion = new LinkedHashMap<>();
        closed.forEach(review -> byVersion.computeIfAbsent(review.decision().ruleset().id() + " "
                + review.decision().ruleset().version(), key -> new ArrayList<>()).add(review));
        return byVersion.values().stream().map(Agreement::ofVersion).toList();
    }

    private static Agreement ofVersion(List<ReviewView> reviews) {
        ReviewView first = reviews.get(0);
        Disposition[] dispositions = Disposition.values();
        int[][] counts = new int[dispositions.length][dispositions.length];
        int agreed = 0;
        int compared = 0;
        int conditionAgreed = 0;
        List<UnderTriage> under = new ArrayList<>();
        for (ReviewView review : reviews) {
            Disposition rules = review.decision().disposition();
            counts[rules.ordinal()][review.clinicianDisposition().ordinal()]++;
            agreed += rules == review.clinicianDisposition() ? 1 : 0;
            if (review.clinicianCondition() != ReviewedCondition.UNKNOWN) {
                compared++;
                conditionAgreed += review.rulesTopCondition() != null
                        && review.rulesTopCondition().name().equals(review.clinicianCondition().name()) ? 1 : 0;
            }
            if (review.moreUrgentThanTheRules()) {
                under.add(new UnderTriage(review.reportId(), Labels.of(rules), Labels.of(review.clinicianDisposition()),
                        review.closedBy(), review.closedAt()));
            }
        }
        List<Row> table = Arrays.stream(dispositions).map(rules -> new Row(Labels.of(rules),
                Arrays.stream(counts[rules.ordinal()]).boxed().toList(),
                Arrays.stream(counts[rules.ordinal()]).sum())).toList();
        return new Agreement(first.decision().ruleset().id(), first.decision().ruleset().version(), reviews.size(),
                table, agreed, compared, conditionAgreed, List.copyOf(under));
    }

    /** "83%" of the reviews; "-" when there were none to compare. */
    public static String share(int part, int whole) {
        return whole == 0 ? "-" : Math.round(100.0 * part / whole) + "%";
    }
}
