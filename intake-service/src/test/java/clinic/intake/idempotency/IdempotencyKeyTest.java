package clinic.intake.idempotency;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The key's syntax: an RFC 8941 sf-string in the header, printable ASCII in the form, 1 to 255 characters. */
class IdempotencyKeyTest {

    @ParameterizedTest
    @ValueSource(strings = {"\"\"", "", "  ", "abc", "\"abc", "abc\"", "\"a\"b\"", "\"a\\b\"", "\"caf\u00e9\"",
            "\"tab\there\"", "\"line\nbreak\"", "\"nul\u0000\"", "\"\u00ff\"", "\"a\",\"b\"", "'single'"})
    void malformedHeaderValuesAreRefusedNamingTheHeader(String value) {
        assertThatThrownBy(() -> IdempotencyKey.fromHeader(List.of(value)))
                .isInstanceOf(MalformedIdempotencyKey.class)
                .satisfies(e -> assertThat(((MalformedIdempotencyKey) e).getBody().getProperties().toString())
                        .contains("field=Idempotency-Key"));
    }

    @Test
    void aKeyIsAtMost255CharactersOnceUnescaped() {
        assertThat(IdempotencyKey.fromHeader(List.of("\"" + "k".repeat(255) + "\""))).isPresent();
        assertThat(IdempotencyKey.fromHeader(List.of("\"" + "\\\"".repeat(255) + "\""))).isPresent();
        assertThatThrownBy(() -> IdempotencyKey.fromHeader(List.of("\"" + "k".repeat(256) + "\"")))
                .isInstanceOf(MalformedIdempotencyKey.class);
    }

    @Test
    void escapesAndSurroundingSpaceDoNotChangeTheKey() {
        assertThat(IdempotencyKey.fromHeader(List.of(" \"a\\\"b\\\\c\"\t")))
                .isEqualTo(IdempotencyKey.fromFormField(List.of("a\"b\\c")));
        assertThat(IdempotencyKey.fromHeader(List.of("\"a\""))).isNotEqualTo(IdempotencyKey.fromHeader(List.of("\"A\"")));
    }

    @Test
    void noHeaderIsNoKeyAndTwoAreRefused() {
        assertThat(IdempotencyKey.fromHeader(List.of())).isEmpty();
        assertThat(IdempotencyKey.fromFormField(null)).isEmpty();
        assertThatThrownBy(() -> IdempotencyKey.fromHeader(List.of("\"a\"", "\"a\"")))
                .isInstanceOf(MalformedIdempotencyKey.class);
        assertThatThrownBy(() -> IdempotencyKey.fromFormField(List.of("a", "a")))
                .isInstanceOf(MalformedIdempotencyKey.class);
    }

    @Test
    void theKeyIsNeverPrinted() {
        assertThat(IdempotencyKey.fromHeader(List.of("\"secret-looking\"")).orElseThrow().toString())
                .doesNotContain("secret");
    }
}
