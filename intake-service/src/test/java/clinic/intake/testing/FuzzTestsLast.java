package clinic.intake.testing;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Comparator;

/**
 * Runs test classes with Jazzer fuzz tests after all others, otherwise keeping JUnit's order. Jazzer
 * installs its agent in the test JVM and instruments this project's classes; a Spring context started
 * after that fails to bind {@code @ConfigurationProperties} records ("parameter names cannot be
 * discovered"), so the fuzz tests must come last. Set in {@code junit-platform.properties}.
 */
public final class FuzzTestsLast implements ClassOrderer {

    @Override
    public void orderClasses(ClassOrdererContext context) {
        // List.sort is stable: classes without fuzz tests keep their relative order
        context.getClassDescriptors().sort(Comparator.comparing(FuzzTestsLast::hasFuzzTests));
    }

    private static boolean hasFuzzTests(ClassDescriptor descriptor) {
        Method[] methods = descriptor.getTestClass().getDeclaredMethods();
        return Arrays.stream(methods).anyMatch(method -> method.isAnnotationPresent(FuzzTest.class));
    }
}
