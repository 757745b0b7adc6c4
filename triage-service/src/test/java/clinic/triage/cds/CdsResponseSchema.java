package clinic.triage.cds;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** Our JSON Schema of the CDS Hooks 2.0 service response (test resources), as an independent judge of our cards. */
final class CdsResponseSchema {

    private static final Schema SCHEMA = load();

    private CdsResponseSchema() {
    }

    /** The violations, as "location keyword: message"; empty when the response is valid. */
    static List<String> violations(String json) {
        return SCHEMA.validate(json, InputFormat.JSON).stream()
                .map(error -> error.getInstanceLocation() + " " + error.getKeyword() + ": " + error.getMessage())
                .toList();
    }

    private static Schema load() {
        try (InputStream in = CdsResponseSchema.class.getResourceAsStream("/cds/cds-hooks-2.0-response.schema.json")) {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(in, InputFormat.JSON);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
