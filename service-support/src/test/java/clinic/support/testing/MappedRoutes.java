package clinic.support.testing;

import org.springframework.context.ApplicationContext;
import org.springframework.web.servlet.handler.AbstractUrlHandlerMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The path patterns a running service answers, read from its Spring MVC handler mappings rather than written
 * down: the controllers' and the libraries' ({@code RequestMappingHandlerMapping}: the service's controllers,
 * the audit endpoint, the error controller, API docs), the actuator's endpoints (a handler mapping of their own)
 * and URL mappings (static resources). A route someone adds shows up here whether or not a table names it.
 */
public final class MappedRoutes {

    private MappedRoutes() {
    }

    public static SortedSet<String> of(ApplicationContext context) {
        SortedSet<String> patterns = new TreeSet<>();
        context.getBeansOfType(RequestMappingInfoHandlerMapping.class).values().forEach(mapping ->
                mapping.getHandlerMethods().keySet().forEach(info -> patterns.addAll(info.getPatternValues())));
        context.getBeansOfType(AbstractUrlHandlerMapping.class).values().forEach(mapping ->
                patterns.addAll(mapping.getHandlerMap().keySet()));
        return patterns;
    }
}
