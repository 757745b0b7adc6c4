package io.strimzi.crdgenerator.annotations;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Stand-in for Strimzi's own annotation (module crd-generator, which is not published): Strimzi's api classes
 * carry it on every property that exists in some API versions only ("v1alpha1-v1beta2", "v1+"), but the class
 * itself is not on the classpath, so reflection would drop the annotation. With this declaration of the same
 * name and shape, StrictSchemaTest can read it and refuse properties that kafka.strimzi.io/v1 no longer has.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.FIELD, ElementType.TYPE})
public @interface PresentInVersions {

    String value();
}
