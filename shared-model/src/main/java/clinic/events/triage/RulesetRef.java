package clinic.events.triage;

/** Identity of the ruleset that made a decision: id, semantic version and a hash of the rule definitions. */
public record RulesetRef(String id, String version, String hash) {
}
