package clinic.support.testing;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.List;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * RequiredTool for a whole test class, registered with {@code @RegisterExtension static}: the class is
 * skipped before any of its set-up runs (an expensive extension such as a started platform included), and
 * surefire counts and reports the skip, which it does not for an assumption aborted in {@code @BeforeAll}.
 * Under CI=true a missing tool still fails the class.
 */
public final class RequiredTools implements ExecutionCondition {

    private final List<RequiredTool> tools;

    private RequiredTools(List<RequiredTool> tools) {
        this.tools = tools;
    }

    public static RequiredTools forClass(RequiredTool... tools) {
        return new RequiredTools(List.of(tools));
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Class<?> test = context.getRequiredTestClass();
        for (RequiredTool tool : tools) {
            if (tool.find().isPresent()) {
                continue;
            }
            // thrown from a condition, this fails the class; JUnit reports it with this message
            if (tool.mustBeInstalled()) {
                fail(tool.whyMissing(test));
            }
            return ConditionEvaluationResult.disabled(tool.whyMissing(test));
        }
        return ConditionEvaluationResult.enabled("required tools installed: " + tools);
    }
}
