package clinic.notification.email;

import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Renders the mail bodies from {@code templates/mail/<name>.html} (HTML mode, escaped) and
 * {@code <name>.txt} (text mode). A template engine of its own: the pages' views and their resolver are
 * separate. Spring's engine (expressions in SpEL, as in the pages) rather than Thymeleaf's plain one, whose
 * OGNL expressions the Spring integration leaves off the classpath.
 */
@Component
class MailTemplates {

    private final SpringTemplateEngine engine = new SpringTemplateEngine();

    MailTemplates() {
        engine.addTemplateResolver(resolver(TemplateMode.HTML, "*.html", 1));
        engine.addTemplateResolver(resolver(TemplateMode.TEXT, "*.txt", 2));
    }

    String html(String template, Map<String, Object> model) {
        return engine.process(template + ".html", new Context(Locale.ENGLISH, model));
    }

    String text(String template, Map<String, Object> model) {
        return engine.process(template + ".txt", new Context(Locale.ENGLISH, model));
    }

    private static ClassLoaderTemplateResolver resolver(TemplateMode mode, String pattern, int order) {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(MailTemplates.class.getClassLoader());
        resolver.setPrefix("templates/mail/");
        resolver.setTemplateMode(mode);
        resolver.setResolvablePatterns(Set.of(pattern));
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        resolver.setOrder(order);
        return resolver;
    }
}
