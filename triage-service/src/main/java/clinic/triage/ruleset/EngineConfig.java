package clinic.triage.ruleset;

import clinic.triage.engine.HeelPainRules;
import clinic.triage.engine.TriageEngine;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The active ruleset: the clinic's heel-pain rules. */
@Configuration(proxyBeanMethods = false)
class EngineConfig {

    @Bean
    TriageEngine triageEngine() {
        TriageEngine engine = new TriageEngine(HeelPainRules.ruleset());
        LoggerFactory.getLogger(EngineConfig.class).info("Active ruleset {} {} (hash {})", engine.ruleset().id(),
                engine.ruleset().version(), engine.ruleset().hash());
        return engine;
    }
}
