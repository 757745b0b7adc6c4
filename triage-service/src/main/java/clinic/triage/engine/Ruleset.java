package clinic.triage.engine;

import clinic.events.triage.RulesetRef;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * A named, versioned set of triage rules plus the signs that rank likely conditions. Its hash is the
 * SHA-256 of a canonical text rendering of every definition (computed once), so any change to a rule's
 * id, condition, disposition, reason or source, to a ranking sign, to the answers the intake contract
 * allows or to the fail-safe gives a different hash. At most 64 rules.
 */
public final class Ruleset {

    private final String id;
    private final String version;
    private final List<Rule> rules;
    private final List<ConditionSign> signs;
    private final String canonicalText;
    private final RulesetRef ref;

    public Ruleset(String id, String version, List<Rule> rules, List<ConditionSign> signs) {
        if (id == null || id.isBlank() || version == null || !version.matches("\\d+\\.\\d+\\.\\d+")) {
            throw new IllegalArgumentException("A ruleset needs an id and a semantic version");
        }
        this.id = id;
        this.version = version;
        this.rules = List.copyOf(rules);
        this.signs = List.copyOf(signs);
        if (this.rules.size() > 64) {
            throw new IllegalArgumentException("A ruleset has at most 64 rules");
        }
        Set<String> ids = new HashSet<>();
        for (Rule rule : this.rules) {
            if (!ids.add(rule.id()) || FailSafe.RULE_ID.equals(rule.id())) {
                throw new IllegalArgumentException("Duplicate or reserved rule id " + rule.id());
            }
        }
        this.canonicalText = render();
        this.ref = new RulesetRef(id, version, sha256(canonicalText));
    }

    private String render() {
        StringBuilder text = new StringBuilder("ruleset " + id + " " + version + "\n");
        Fields.ALL.forEach(field -> text.append("answer ").append(field.name()).append(' ').append(field.allowed())
                .append('\n'));
        rules.forEach(rule -> text.append(rule.canonical()));
        signs.forEach(sign -> text.append(sign.canonical()));
        text.append("tie-break ").append(LikelyConditionRanker.TIE_BREAK).append('\n');
        text.append(FailSafe.canonical());
        return text.toString();
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    public String id() {
        return id;
    }

    public String version() {
        return version;
    }

    /** SHA-256 hex of {@link #canonicalText()}. */
    public String hash() {
        return ref.hash();
    }

    public RulesetRef ref() {
        return ref;
    }

    public List<Rule> rules() {
        return rules;
    }

    /** The clinical answers of the intake contract, with the values it allows. */
    public List<Field<?>> answers() {
        return Fields.ALL;
    }

    public List<ConditionSign> signs() {
        return signs;
    }

    /** How ties between likely-condition scores are broken: earlier in this list ranks first. */
    public List<clinic.events.triage.Condition> tieBreak() {
        return LikelyConditionRanker.TIE_BREAK;
    }

    /** The text the hash is computed from; also a readable dump of the ruleset. */
    public String canonicalText() {
        return canonicalText;
    }
}
