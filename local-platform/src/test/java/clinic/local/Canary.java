package clinic.local;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Patient identity nobody could mistake for anything else: a name and an email address built around a
 * fresh UUID, and a phone number (E.164) under the unassigned country code 99 with twelve digits from it.
 * Finding the UUID or the phone's digits anywhere (in any letter case, plain, JSON-escaped or URL-encoded) means
 * the name, the address or the number went there.
 */
record Canary(String role, String token, String name, String email, String phone) {

    static Canary fresh(String role) {
        UUID id = UUID.randomUUID();
        String token = id.toString();
        String phone = String.format(Locale.ROOT, "+99%012d",
                Math.floorMod(id.getLeastSignificantBits(), 1_000_000_000_000L));
        return new Canary(role, token, "Zqx Canaryname-" + token, "zqx.canary-" + token + "@example.org", phone);
    }

    Map<String, Object> patient() {
        return Map.of("externalId", "E2E-CANARY", "name", name, "email", email, "phone", phone);
    }

    /** Every form in which this canary could show up; all are searched without regard to letter case. */
    Set<String> needles() {
        Set<String> needles = new LinkedHashSet<>();
        for (String value : List.of(name, email)) {
            needles.add(value);
            needles.add(URLEncoder.encode(value, StandardCharsets.UTF_8));
            needles.add(value.replace(" ", "%20"));
            needles.add(Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)));
        }
        // the UUID alone survives lower-casing, JSON escaping and URL encoding: the strongest needle; the
        // phone's digits without the plus likewise (a plus becomes %2B in a URL, a space in a form)
        needles.add(token);
        needles.add(token.replace("-", ""));
        needles.add(phone.substring(1));
        return needles;
    }

    /** Searches texts (place -> text) for canaries; each finding says which canary, where and in what context. */
    static List<String> findings(List<Canary> canaries, Map<String, String> texts) {
        List<String> findings = new ArrayList<>();
        texts.forEach((place, text) -> {
            if (text == null) {
                return;
            }
            String haystack = text.toLowerCase(Locale.ROOT);
            for (Canary canary : canaries) {
                for (String needle : canary.needles()) {
                    int at = haystack.indexOf(needle.toLowerCase(Locale.ROOT));
                    if (at >= 0) {
                        findings.add("canary of the " + canary.role() + " in " + place + ": ..."
                                + text.substring(Math.max(0, at - 200), Math.min(text.length(), at + 120)) + "...");
                        break;
                    }
                }
            }
        });
        return findings;
    }
}
